using System.Runtime.CompilerServices;
using DraftPad.Crdt.Encoding;

namespace DraftPad.Crdt.Structs;

/// <summary>
/// One inserted run of content: the YATA list element. Follows Yjs's Item field for field,
/// because struct boundaries and origins decide the bytes of every encoded update.
/// </summary>
internal sealed class Item : AbstractStruct
{
    private const byte KeepFlag = 1;
    private const byte CountableFlag = 2;
    private const byte DeletedFlag = 4;
    private const byte MarkerFlag = 8;

    // Origins are stored unboxed (clock -1 = none): a Nullable<ID> costs 8 bytes more each, per item.
    private ulong _originClient;
    private long _originClock = -1;
    private ulong _rightOriginClient;
    private long _rightOriginClock = -1;

    public ID? Origin
    {
        get => _originClock < 0 ? null : new ID(_originClient, _originClock);
        set
        {
            if (value is { } v) { _originClient = v.Client; _originClock = v.Clock; }
            else _originClock = -1;
        }
    }

    public ID? RightOrigin
    {
        get => _rightOriginClock < 0 ? null : new ID(_rightOriginClient, _rightOriginClock);
        set
        {
            if (value is { } v) { _rightOriginClient = v.Client; _rightOriginClock = v.Clock; }
            else _rightOriginClock = -1;
        }
    }
    public Item? Left;
    public Item? Right;

    /// <summary>A <see cref="Branch"/> once integrated; while decoding, a root name (string) or the parent item's <see cref="ID"/>.</summary>
    public object? Parent;

    public string? ParentSub;
    public Content Content;
    private byte _info;

    public Item(ID id, Item? left, ID? origin, Item? right, ID? rightOrigin, object? parent, string? parentSub, Content content)
        : base(id, content.Length)
    {
        Origin = origin;
        Left = left;
        Right = right;
        RightOrigin = rightOrigin;
        Parent = parent;
        ParentSub = parentSub;
        Content = content;
        _info = content.Countable ? CountableFlag : (byte)0;
    }

    public override bool Deleted => (_info & DeletedFlag) != 0;

    public bool Countable => (_info & CountableFlag) != 0;

    /// <summary>Whether a search marker points at this item.</summary>
    public bool Marker
    {
        get => (_info & MarkerFlag) != 0;
        set => _info = value ? (byte)(_info | MarkerFlag) : (byte)(_info & ~MarkerFlag);
    }

    public bool Keep
    {
        get => (_info & KeepFlag) != 0;
        set => _info = value ? (byte)(_info | KeepFlag) : (byte)(_info & ~KeepFlag);
    }

    /// <summary>True when the item is visible and occupies index space.</summary>
    public bool IsVisibleCountable
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_info & (CountableFlag | DeletedFlag)) == CountableFlag;
    }

    public ID LastId => Length == 1 ? Id : new ID(Id.Client, Id.Clock + Length - 1);

    public void MarkDeleted() => _info |= DeletedFlag;

    /// <summary>The closest visible item to the left (Yjs's `prev`).</summary>
    public Item? Prev
    {
        get
        {
            var n = Left;
            while (n != null && n.Deleted) n = n.Left;
            return n;
        }
    }

    public Item? Next
    {
        get
        {
            var n = Right;
            while (n != null && n.Deleted) n = n.Right;
            return n;
        }
    }

    public override ulong? GetMissing(Transaction transaction, StructStore store)
    {
        if (Origin is { } o && o.Client != Id.Client && o.Clock >= store.GetState(o.Client)) return o.Client;
        if (RightOrigin is { } ro && ro.Client != Id.Client && ro.Clock >= store.GetState(ro.Client)) return ro.Client;
        if (Parent is ID p && Id.Client != p.Client && p.Clock >= store.GetState(p.Client)) return p.Client;

        // All dependencies are known: resolve them to items.
        var leftIsGc = false;
        var rightIsGc = false;
        if (Origin is { } origin)
        {
            var l = store.GetCleanEnd(transaction, origin);
            Left = l as Item;
            leftIsGc = Left == null;
            // A GC struct is not split, so its end is not our origin: keep the origin we were given.
            if (Left != null) Origin = Left.LastId;
        }
        if (RightOrigin is { } rightOrigin)
        {
            var r = store.GetCleanStart(transaction, rightOrigin);
            Right = r as Item;
            rightIsGc = Right == null;
            RightOrigin = r.Id;
        }
        if (leftIsGc || rightIsGc)
        {
            Parent = null;
        }
        else if (Parent is null)
        {
            if (Left != null)
            {
                Parent = Left.Parent;
                ParentSub = Left.ParentSub;
            }
            else if (Right != null)
            {
                Parent = Right.Parent;
                ParentSub = Right.ParentSub;
            }
        }
        else if (Parent is ID parentId)
        {
            var parentStruct = store.Find(parentId);
            // A parent that was garbage-collected (or is not a type at all) means this item is gone too.
            Parent = parentStruct is Item { Content: ContentType ct } ? ct.Type : null;
        }
        else if (Parent is string rootName)
        {
            Parent = transaction.Doc.GetOrCreateRoot(rootName);
        }
        return null;
    }

    public override void Integrate(Transaction transaction, int offset)
    {
        var store = transaction.Doc.Store;
        if (offset > 0)
        {
            Id = new ID(Id.Client, Id.Clock + offset);
            var l = store.GetCleanEnd(transaction, new ID(Id.Client, Id.Clock - 1));
            Left = l as Item;
            if (Left == null) Parent = null; // our own earlier part was collected with its parent
            else Origin = Left.LastId;
            Content = Content.Splice(offset);
            Length -= offset;
        }

        if (Parent is not Branch parent)
        {
            // The parent is gone: keep the clock range as a GC struct.
            new GcStruct(Id, Length).Integrate(transaction, 0);
            return;
        }

        if ((Left == null && (Right == null || Right.Left != null)) || (Left != null && Left.Right != Right))
        {
            ResolveConflicts(store, parent);
        }

        // Link into the list, or into the key's chain.
        if (Left != null)
        {
            Right = Left.Right;
            Left.Right = this;
        }
        else
        {
            Item? r;
            if (ParentSub != null)
            {
                r = parent.Map != null && parent.Map.TryGetValue(ParentSub, out var cur) ? cur : null;
                while (r?.Left != null) r = r.Left;
            }
            else
            {
                r = parent.Start;
                parent.Start = this;
            }
            Right = r;
        }
        if (Right != null)
        {
            Right.Left = this;
        }
        else if (ParentSub != null)
        {
            (parent.Map ??= new Dictionary<string, Item>())[ParentSub] = this;
            // The previous value of the key is overwritten.
            Left?.Delete(transaction);
        }
        if (ParentSub == null && Countable && !Deleted) parent.Length += Length;
        if (!transaction.Local) parent.Markers?.Clear();

        transaction.AddStruct(this);
        Content.Integrate(transaction, this);
        transaction.AddChangedType(parent, ParentSub);
        if ((parent.Item != null && parent.Item.Deleted) || (ParentSub != null && Right != null))
        {
            Delete(transaction);
        }
    }

    /// <summary>YATA: find the left neighbour among items inserted concurrently between Left and Right.</summary>
    private void ResolveConflicts(StructStore store, Branch parent)
    {
        var left = Left;
        Item? o;
        if (left != null) o = left.Right;
        else if (ParentSub != null)
        {
            o = parent.Map != null && parent.Map.TryGetValue(ParentSub, out var cur) ? cur : null;
            while (o?.Left != null) o = o.Left;
        }
        else o = parent.Start;

        // Conflict sets are tiny in practice; lists beat hash sets here.
        var conflicting = ConflictScratch.Conflicting;
        var beforeOrigin = ConflictScratch.BeforeOrigin;
        while (o != null && o != Right)
        {
            beforeOrigin.Add(o);
            conflicting.Add(o);
            if (Origin == o.Origin)
            {
                if (o.Id.Client < Id.Client)
                {
                    left = o;
                    conflicting.Clear();
                }
                else if (RightOrigin == o.RightOrigin)
                {
                    break;
                }
            }
            else if (o.Origin is { } oo && beforeOrigin.Contains(store.Find(oo)))
            {
                if (!conflicting.Contains(store.Find(oo)))
                {
                    left = o;
                    conflicting.Clear();
                }
            }
            else
            {
                break;
            }
            o = o.Right;
        }
        Left = left;
        conflicting.Clear();
        beforeOrigin.Clear();
    }

    public void Delete(Transaction transaction)
    {
        if (Deleted) return;
        var parent = (Branch)Parent!;
        if (Countable && ParentSub == null) parent.Length -= Length;
        MarkDeleted();
        transaction.DeleteSet.Add(Id.Client, Id.Clock, Length);
        transaction.AddChangedType(parent, ParentSub);
        Content.Delete(transaction);
    }

    public void Gc(StructStore store, bool parentGcd)
    {
        if (!Deleted) throw new InvalidOperationException("Only deleted items can be garbage-collected.");
        Content.Gc(store);
        if (parentGcd) store.ReplaceStruct(this, new GcStruct(Id, Length));
        else Content = new ContentDeleted((int)Length);
    }

    public override bool MergeWith(AbstractStruct rightStruct)
    {
        if (rightStruct is not Item right) return false;
        if (right.Origin == LastId
            && Right == right
            && RightOrigin == right.RightOrigin
            && Id.Client == right.Id.Client
            && Id.Clock + Length == right.Id.Clock
            && Deleted == right.Deleted
            && Content.GetType() == right.Content.GetType()
            && Content.TryMerge(right.Content))
        {
            if (Parent is Branch parent) parent.Markers?.OnMerged(this, right);
            if (right.Keep) Keep = true;
            Right = right.Right;
            if (Right != null) Right.Left = this;
            Length += right.Length;
            return true;
        }
        return false;
    }

    public override void Write(IUpdateEncoder encoder, int offset)
    {
        ID? origin = offset > 0 ? new ID(Id.Client, Id.Clock + offset - 1) : Origin;
        var rightOrigin = RightOrigin;
        var info = (byte)((Content.Ref & 0x1F)
            | (origin == null ? 0 : 0x80)
            | (rightOrigin == null ? 0 : 0x40)
            | (ParentSub == null ? 0 : 0x20));
        encoder.WriteInfo(info);
        if (origin is { } o) encoder.WriteLeftId(o);
        if (rightOrigin is { } ro) encoder.WriteRightId(ro);
        if (origin == null && rightOrigin == null)
        {
            switch (Parent)
            {
                case Branch b when b.Item == null:
                    encoder.WriteParentInfo(true);
                    encoder.WriteString(b.Name ?? throw new InvalidOperationException("Root type without a name."));
                    break;
                case Branch b:
                    encoder.WriteParentInfo(false);
                    encoder.WriteLeftId(b.Item!.Id);
                    break;
                case string name:
                    encoder.WriteParentInfo(true);
                    encoder.WriteString(name);
                    break;
                case ID id:
                    encoder.WriteParentInfo(false);
                    encoder.WriteLeftId(id);
                    break;
                default:
                    throw new InvalidOperationException("Item has no parent to encode.");
            }
            if (ParentSub != null) encoder.WriteString(ParentSub);
        }
        Content.Write(encoder, offset);
    }
}

/// <summary>Scratch sets for conflict resolution, reused to avoid allocations per insert.</summary>
internal static class ConflictScratch
{
    [ThreadStatic] private static ItemSet? _conflicting;
    [ThreadStatic] private static ItemSet? _beforeOrigin;

    public static ItemSet Conflicting => _conflicting ??= new ItemSet();
    public static ItemSet BeforeOrigin => _beforeOrigin ??= new ItemSet();
}

/// <summary>A reference set that stays a plain list while small (the common case) and hashes when large.</summary>
internal sealed class ItemSet
{
    private const int HashThreshold = 16;
    private readonly List<AbstractStruct> _list = new();
    private HashSet<AbstractStruct>? _set;

    public void Add(AbstractStruct s)
    {
        if (_set != null) { _set.Add(s); return; }
        _list.Add(s);
        if (_list.Count > HashThreshold) _set = new HashSet<AbstractStruct>(_list, ReferenceEqualityComparer.Instance);
    }

    public bool Contains(AbstractStruct s)
    {
        if (_set != null) return _set.Contains(s);
        foreach (var x in _list) if (ReferenceEquals(x, s)) return true;
        return false;
    }

    public void Clear()
    {
        _list.Clear();
        _set = null;
    }
}
