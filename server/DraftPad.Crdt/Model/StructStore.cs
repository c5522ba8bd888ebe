using System.Runtime.CompilerServices;
using DraftPad.Crdt.Structs;

namespace DraftPad.Crdt.Model;

/// <summary>
/// Per client, the clock-ordered and gap-free list of structs (Yjs's StructStore), plus the
/// pending structs and deletions that arrived before what they depend on.
/// </summary>
internal sealed class StructStore
{
    public readonly Dictionary<ulong, List<AbstractStruct>> Clients = new();

    /// <summary>Structs that could not be integrated yet, as a V2 update, and the lowest clock missing per client.</summary>
    public PendingStructs? Pending;

    /// <summary>Deletions of clocks not known yet, as a V2 update holding only a delete set.</summary>
    public byte[]? PendingDs;

    public long GetState(ulong client)
    {
        if (!Clients.TryGetValue(client, out var structs)) return 0;
        var last = structs[^1];
        return last.Id.Clock + last.Length;
    }

    public SortedDictionary<ulong, long> GetStateVector()
    {
        var sv = new SortedDictionary<ulong, long>();
        foreach (var (client, structs) in Clients)
        {
            var last = structs[^1];
            sv[client] = last.Id.Clock + last.Length;
        }
        return sv;
    }

    public void AddStruct(AbstractStruct s)
    {
        if (!Clients.TryGetValue(s.Id.Client, out var structs))
        {
            structs = new List<AbstractStruct>();
            Clients[s.Id.Client] = structs;
        }
        else
        {
            var last = structs[^1];
            if (last.Id.Clock + last.Length != s.Id.Clock)
                throw new InvalidOperationException($"Struct {s.Id} does not follow {last.Id}+{last.Length}.");
        }
        structs.Add(s);
    }

    /// <summary>Index of the struct containing <paramref name="clock"/> (binary search; the last struct is checked first).</summary>
    public static int FindIndex(List<AbstractStruct> structs, long clock)
    {
        var right = structs.Count - 1;
        var last = structs[right];
        if (last.Id.Clock <= clock)
        {
            if (clock < last.Id.Clock + last.Length) return right;
            throw new InvalidOperationException($"Clock {clock} is beyond the known state.");
        }
        var left = 0;
        right--;
        while (left <= right)
        {
            var mid = (left + right) >>> 1;
            var s = structs[mid];
            var midClock = s.Id.Clock;
            if (midClock <= clock)
            {
                if (clock < midClock + s.Length) return mid;
                left = mid + 1;
            }
            else
            {
                right = mid - 1;
            }
        }
        throw new InvalidOperationException($"Clock {clock} not found.");
    }

    public AbstractStruct Find(ID id)
    {
        var structs = Clients[id.Client];
        return structs[FindIndex(structs, id.Clock)];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Item GetItem(ID id) => (Item)Find(id);

    public int FindIndexCleanStart(Transaction transaction, List<AbstractStruct> structs, long clock)
    {
        var index = FindIndex(structs, clock);
        var s = structs[index];
        if (s.Id.Clock < clock && s is Item item)
        {
            structs.Insert(index + 1, SplitItem(transaction, item, (int)(clock - item.Id.Clock)));
            return index + 1;
        }
        return index;
    }

    /// <summary>The struct starting exactly at <paramref name="id"/> (splitting an item when needed).</summary>
    public AbstractStruct GetCleanStart(Transaction transaction, ID id)
    {
        var structs = Clients[id.Client];
        return structs[FindIndexCleanStart(transaction, structs, id.Clock)];
    }

    /// <summary>The struct ending exactly at <paramref name="id"/> (splitting an item when needed).</summary>
    public AbstractStruct GetCleanEnd(Transaction transaction, ID id)
    {
        var structs = Clients[id.Client];
        var index = FindIndex(structs, id.Clock);
        var s = structs[index];
        if (id.Clock != s.Id.Clock + s.Length - 1 && s is Item item)
        {
            structs.Insert(index + 1, SplitItem(transaction, item, (int)(id.Clock - item.Id.Clock + 1)));
        }
        return s;
    }

    public void ReplaceStruct(AbstractStruct old, AbstractStruct replacement)
    {
        var structs = Clients[old.Id.Client];
        structs[FindIndex(structs, old.Id.Clock)] = replacement;
    }

    /// <summary>Splits <paramref name="left"/> at <paramref name="diff"/>; returns the new right part (not yet in the store).</summary>
    public static Item SplitItem(Transaction transaction, Item left, int diff)
    {
        var client = left.Id.Client;
        var clock = left.Id.Clock;
        var right = new Item(
            new ID(client, clock + diff),
            left,
            new ID(client, clock + diff - 1),
            left.Right,
            left.RightOrigin,
            left.Parent,
            left.ParentSub,
            left.Content.Splice(diff));
        if (left.Deleted) right.MarkDeleted();
        if (left.Keep) right.Keep = true;
        left.Right = right;
        if (right.Right != null) right.Right.Left = right;
        transaction.MergeStructs.Add(right);
        if (right.ParentSub != null && right.Right == null && right.Parent is Branch parent)
        {
            parent.Map![right.ParentSub] = right;
        }
        left.Length = diff;
        return right;
    }

    /// <summary>Merges struct at <paramref name="pos"/> into its left neighbours as far as possible; returns how many merged.</summary>
    public static int TryMergeWithLefts(List<AbstractStruct> structs, int pos)
    {
        var right = structs[pos];
        var left = structs[pos - 1];
        var i = pos;
        for (; i > 0; right = left, left = i - 2 >= 0 ? structs[i - 2] : null!, i--)
        {
            if (left.Deleted == right.Deleted && left.GetType() == right.GetType() && left.MergeWith(right))
            {
                if (right is Item { ParentSub: { } sub, Parent: Branch parent }
                    && parent.Map != null && parent.Map.TryGetValue(sub, out var cur) && cur == right)
                {
                    parent.Map[sub] = (Item)left;
                }
                continue;
            }
            break;
        }
        var merged = pos - i;
        if (merged > 0) structs.RemoveRange(pos + 1 - merged, merged);
        return merged;
    }
}

/// <summary>Structs waiting for missing dependencies: a V2 update and the lowest missing clock per client.</summary>
internal sealed class PendingStructs(Dictionary<ulong, long> missing, byte[] update)
{
    public readonly Dictionary<ulong, long> Missing = missing;
    public byte[] Update = update;

    /// <summary>Set when structs that were integrated meanwhile were dropped: what remains may fit now.</summary>
    public bool RetryNow { get; init; }
}
