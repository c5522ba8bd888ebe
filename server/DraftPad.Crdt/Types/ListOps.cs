namespace DraftPad.Crdt;

/// <summary>Index-based list editing shared by arrays and XML children (Yjs's typeList* functions).</summary>
internal static class ListOps
{
    public static Item? FindItemAfterIndex(Transaction transaction, Branch parent, long index)
    {
        // Returns the item after which an insert at `index` goes (null = at the head).
        if (index == 0) return null;
        Item? n = parent.Start;
        if (parent.Markers != null && parent.Markers.TryFind(parent, index, out var p, out var pindex))
        {
            n = p;
            index -= pindex;
            if (index == 0)
            {
                n = n.Prev;
                index += n != null && n.IsVisibleCountable ? n.Length : 0;
            }
        }
        for (; n != null; n = n.Right)
        {
            if (n.IsVisibleCountable)
            {
                if (index <= n.Length)
                {
                    if (index < n.Length)
                    {
                        transaction.Doc.Store.GetCleanStart(transaction, new ID(n.Id.Client, n.Id.Clock + index));
                    }
                    break;
                }
                index -= n.Length;
            }
        }
        return n;
    }

    public static void Insert(Transaction transaction, Branch parent, long index, IReadOnlyList<object?> content)
    {
        if (index < 0 || index > parent.Length) throw new ArgumentOutOfRangeException(nameof(index), "Length exceeded!");
        Item? after = null;
        if (index > 0) after = FindItemAfterIndex(transaction, parent, index);
        parent.Markers?.UpdateChanges(index, content.Count);
        InsertAfter(transaction, parent, after, content);
    }

    public static void Push(Transaction transaction, Branch parent, IReadOnlyList<object?> content)
    {
        var n = parent.Start;
        if (n != null) while (n.Right != null) n = n.Right;
        InsertAfter(transaction, parent, n, content);
    }

    public static void InsertAfter(Transaction transaction, Branch parent, Item? reference, IReadOnlyList<object?> content)
    {
        var left = reference;
        var doc = transaction.Doc;
        var right = reference == null ? parent.Start : reference.Right;
        List<object?>? json = null;

        void NewItem(Content c)
        {
            var client = doc.ClientId;
            left = new Item(new ID(client, doc.Store.GetState(client)), left, left?.LastId, right, right?.Id, parent, null, c);
            left.Integrate(transaction, 0);
        }

        void PackJson()
        {
            if (json is { Count: > 0 })
            {
                NewItem(new ContentAny(json));
                json = null;
            }
        }

        foreach (var value in content)
        {
            switch (value)
            {
                case byte[] bytes:
                    PackJson();
                    NewItem(new ContentBinary((byte[])bytes.Clone()));
                    break;
                case YType type:
                    PackJson();
                    if (type.Branch.Doc != null || type.Branch.Item != null)
                        throw new InvalidOperationException("This type is already part of a document; insert a new instance.");
                    NewItem(new ContentType(type.Branch));
                    break;
                case YSubdocReference sub:
                    PackJson();
                    NewItem(new ContentDoc(sub.Guid, ContentDoc.NormalizeOptions(sub.Options)));
                    break;
                default:
                    (json ??= new List<object?>()).Add(AnyValue.Normalize(value));
                    break;
            }
        }
        PackJson();
    }

    public static void Delete(Transaction transaction, Branch parent, long index, long length)
    {
        if (length == 0) return;
        if (index < 0 || length < 0) throw new ArgumentOutOfRangeException(nameof(index));
        var startIndex = index;
        var startLength = length;
        Item? n = parent.Start;
        if (parent.Markers != null && parent.Markers.TryFind(parent, index, out var p, out var pindex))
        {
            n = p;
            index -= pindex;
        }
        var store = transaction.Doc.Store;
        for (; n != null && index > 0; n = n.Right)
        {
            if (n.IsVisibleCountable)
            {
                if (index < n.Length) store.GetCleanStart(transaction, new ID(n.Id.Client, n.Id.Clock + index));
                index -= n.Length;
            }
        }
        while (length > 0 && n != null)
        {
            if (!n.Deleted)
            {
                if (length < n.Length) store.GetCleanStart(transaction, new ID(n.Id.Client, n.Id.Clock + length));
                n.Delete(transaction);
                length -= n.Length;
            }
            n = n.Right;
        }
        if (length > 0) throw new ArgumentOutOfRangeException(nameof(length), "Length exceeded!");
        parent.Markers?.UpdateChanges(startIndex, -startLength + length);
    }

    public static object? Get(Branch parent, long index)
    {
        Item? n = parent.Start;
        if (parent.Markers != null && parent.Markers.TryFind(parent, index, out var p, out var pindex))
        {
            n = p;
            index -= pindex;
        }
        for (; n != null; n = n.Right)
        {
            if (n.IsVisibleCountable)
            {
                if (index < n.Length)
                {
                    var values = new List<object?>((int)n.Length);
                    n.Content.AppendValues(values);
                    return values[(int)index];
                }
                index -= n.Length;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }

    public static List<object?> ToList(Branch parent)
    {
        var values = new List<object?>((int)parent.Length);
        for (var n = parent.Start; n != null; n = n.Right)
        {
            if (n.IsVisibleCountable) n.Content.AppendValues(values);
        }
        return values;
    }
}
