using System.Runtime.InteropServices;
using DraftPad.Crdt.Encoding;
using DraftPad.Crdt.Structs;

namespace DraftPad.Crdt.Model;

/// <summary>A deleted clock range of one client.</summary>
internal struct DeleteRange(long clock, long length)
{
    public long Clock = clock;
    public long Length = length;
}

/// <summary>Deleted ranges per client (Yjs's DeleteSet). Sorted and merged before it is read or written.</summary>
internal sealed class DeleteSet
{
    public readonly Dictionary<ulong, List<DeleteRange>> Clients = new();

    public bool IsEmpty => Clients.Count == 0;

    public void Add(ulong client, long clock, long length)
    {
        if (!Clients.TryGetValue(client, out var ranges))
        {
            ranges = new List<DeleteRange>(2);
            Clients[client] = ranges;
        }
        else if (ranges.Count > 0)
        {
            // Extending the last range in place keeps sequential deletes (backspace runs) cheap.
            ref var last = ref CollectionsMarshal.AsSpan(ranges)[^1];
            if (last.Clock + last.Length == clock)
            {
                last.Length += length;
                return;
            }
        }
        ranges.Add(new DeleteRange(clock, length));
    }

    public void SortAndMerge()
    {
        foreach (var ranges in Clients.Values)
        {
            SortAndMerge(ranges);
        }
    }

    public static void SortAndMerge(List<DeleteRange> ranges)
    {
        if (ranges.Count < 2) return;
        var span = CollectionsMarshal.AsSpan(ranges);
        var sorted = true;
        for (var k = 1; k < span.Length; k++)
        {
            if (span[k].Clock < span[k - 1].Clock) { sorted = false; break; }
        }
        if (!sorted)
        {
            // Stable, like JS Array.prototype.sort.
            var copy = ranges.OrderBy(r => r.Clock).ToArray();
            copy.CopyTo(span);
        }
        int i, j;
        for (i = 1, j = 1; i < span.Length; i++)
        {
            ref var left = ref span[j - 1];
            var right = span[i];
            if (left.Clock + left.Length >= right.Clock)
            {
                left.Length = Math.Max(left.Length, right.Clock + right.Length - left.Clock);
            }
            else
            {
                if (j < i) span[j] = right;
                j++;
            }
        }
        ranges.RemoveRange(j, ranges.Count - j);
    }

    /// <summary>Whether the id is inside a range (requires <see cref="SortAndMerge()"/>).</summary>
    public bool Contains(ID id)
    {
        if (!Clients.TryGetValue(id.Client, out var ranges)) return false;
        var lo = 0;
        var hi = ranges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var r = ranges[mid];
            if (r.Clock <= id.Clock)
            {
                if (id.Clock < r.Clock + r.Length) return true;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        return false;
    }

    /// <summary>The delete set of a whole store: every run of consecutive deleted structs per client.</summary>
    public static DeleteSet FromStore(StructStore store)
    {
        var ds = new DeleteSet();
        foreach (var (client, structs) in store.Clients)
        {
            List<DeleteRange>? ranges = null;
            for (var i = 0; i < structs.Count; i++)
            {
                var s = structs[i];
                if (!s.Deleted) continue;
                var clock = s.Id.Clock;
                var len = s.Length;
                while (i + 1 < structs.Count && structs[i + 1].Deleted)
                {
                    len += structs[++i].Length;
                }
                (ranges ??= new List<DeleteRange>()).Add(new DeleteRange(clock, len));
            }
            if (ranges != null) ds.Clients[client] = ranges;
        }
        return ds;
    }

    public void Write(IDSEncoder encoder)
    {
        var rest = encoder.RestWriter;
        rest.WriteVarUint((ulong)Clients.Count);
        foreach (var client in SortedClientsDescending(Clients.Keys))
        {
            var ranges = Clients[client];
            encoder.ResetDsCurVal();
            rest.WriteVarUint(client);
            rest.WriteVarUint((ulong)ranges.Count);
            foreach (var r in ranges)
            {
                encoder.WriteDsClock(r.Clock);
                encoder.WriteDsLen(r.Length);
            }
        }
    }

    public static ulong[] SortedClientsDescending(ICollection<ulong> clients)
    {
        var arr = new ulong[clients.Count];
        clients.CopyTo(arr, 0);
        if (arr.Length > 1)
        {
            Array.Sort(arr);
            Array.Reverse(arr);
        }
        return arr;
    }

    /// <summary>Reads a delete set; ranges are validated (positive lengths, no overflow).</summary>
    public static DeleteSet Read(IDSDecoder decoder)
    {
        var ds = new DeleteSet();
        var rest = decoder.RestReader;
        var numClients = Checks.Count((long)rest.ReadVarUint(), rest);
        for (var i = 0; i < numClients; i++)
        {
            decoder.ResetDsCurVal();
            var client = rest.ReadVarUint();
            var numRanges = Checks.Count((long)rest.ReadVarUint(), rest);
            if (numRanges == 0) continue;
            var ranges = new List<DeleteRange>(Math.Min(numRanges, 1024));
            for (var k = 0; k < numRanges; k++)
            {
                var clock = decoder.ReadDsClock();
                var len = decoder.ReadDsLen();
                if (clock < 0 || len < 0 || clock > MaxSafe - len) throw new YjsDecodeException("Invalid delete range.");
                // Kept as read, even empty ranges: diff and conversion re-emit the delete set verbatim, as Yjs does.
                ranges.Add(new DeleteRange(clock, len));
            }
            // A client listed twice: the later ranges are added, as Yjs does when it applies them in sequence.
            if (ds.Clients.TryGetValue(client, out var existing)) existing.AddRange(ranges);
            else if (ranges.Count > 0) ds.Clients[client] = ranges;
        }
        return ds;
    }

    public const long MaxSafe = (1L << 53) - 1;
}
