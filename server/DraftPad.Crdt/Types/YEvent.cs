namespace DraftPad.Crdt;

/// <summary>
/// What a transaction changed in one shared type. Read it inside the observer: the delta is
/// computed from the transaction on first access, before deleted content is garbage-collected.
/// </summary>
public class YEvent
{
    private List<YDelta>? _delta;

    internal YEvent(Branch branch, Transaction transaction, HashSet<string?> subs)
    {
        Branch = branch;
        Transaction = transaction;
        KeysChanged = subs.Where(s => s != null).Select(s => s!).ToHashSet();
        ListChanged = subs.Contains(null);
    }

    internal Branch Branch { get; }

    /// <summary>The type that changed.</summary>
    public YType Target => Branch.View();

    /// <summary>The transaction that made the change.</summary>
    public Transaction Transaction { get; }

    /// <summary>Map keys (or attributes) that changed.</summary>
    public IReadOnlySet<string> KeysChanged { get; }

    /// <summary>Whether the list (sequence) part changed.</summary>
    public bool ListChanged { get; }

    /// <summary>
    /// The change of the list part as a delta: inserts of new content (with the formatting in
    /// effect, for text), deletes, and retains in between.
    /// </summary>
    public IReadOnlyList<YDelta> Delta => _delta ??= ComputeDelta();

    internal static YEvent Create(Branch branch, Transaction transaction, HashSet<string?> subs) => new(branch, transaction, subs);

    /// <summary>Path of keys/indices from <paramref name="ancestor"/> down to this event's target.</summary>
    internal List<object> PathFrom(Branch ancestor)
    {
        var path = new List<object>();
        var child = Branch;
        while (child != ancestor && child.Item?.Parent is Branch parent)
        {
            var item = child.Item;
            if (item.ParentSub != null)
            {
                path.Insert(0, item.ParentSub);
            }
            else
            {
                long i = 0;
                for (var c = parent.Start; c != item && c != null; c = c.Right)
                {
                    if (c.IsVisibleCountable) i += c.Length;
                }
                path.Insert(0, i);
            }
            child = parent;
        }
        return path;
    }

    private List<YDelta> ComputeDelta()
    {
        var delta = new List<YDelta>();
        var tr = Transaction;
        var attributes = new OrderedMap();
        long retain = 0, deleted = 0;
        var inserts = new List<object?>();
        var insertText = new System.Text.StringBuilder();
        Dictionary<string, object?>? insertAttrs = null;

        void FlushInsert()
        {
            if (insertText.Length > 0)
            {
                delta.Add(new YDelta { Insert = insertText.ToString(), Attributes = insertAttrs });
                insertText.Clear();
            }
            if (inserts.Count > 0)
            {
                delta.Add(new YDelta { Insert = inserts.ToList(), Attributes = insertAttrs });
                inserts.Clear();
            }
        }

        void Flush()
        {
            FlushInsert();
            if (retain > 0) { delta.Add(new YDelta { Retain = retain }); retain = 0; }
            if (deleted > 0) { delta.Add(new YDelta { Delete = deleted }); deleted = 0; }
        }

        var isText = Branch.Kind is YTypeKind.Text or YTypeKind.XmlText;
        for (var item = Branch.Start; item != null; item = item.Right)
        {
            if (item.Content is ContentFormat f)
            {
                if (!item.Deleted) TextFormatting.UpdateCurrentAttributes(attributes, f);
                continue;
            }
            if (!item.Countable && !tr.Deletes(item)) continue;
            var added = tr.Adds(item);
            if (item.Deleted)
            {
                if (tr.Deletes(item) && !added)
                {
                    if (insertText.Length > 0 || inserts.Count > 0 || retain > 0) { FlushInsert(); if (retain > 0) { delta.Add(new YDelta { Retain = retain }); retain = 0; } }
                    deleted += item.Length;
                }
                continue;
            }
            if (added)
            {
                if (retain > 0 || deleted > 0) Flush();
                var attrs = isText && attributes.Count > 0 ? attributes.ToDictionary() : null;
                if (!SameAttrs(attrs, insertAttrs)) FlushInsert();
                insertAttrs = attrs;
                if (isText && item.Content is ContentString s) insertText.Append(s.Span);
                else if (isText)
                {
                    if (insertText.Length > 0) FlushInsert();
                    var vals = new List<object?>(1);
                    item.Content.AppendValues(vals);
                    delta.Add(new YDelta { Insert = vals[0], Attributes = attrs });
                }
                else item.Content.AppendValues(inserts);
            }
            else
            {
                if (insertText.Length > 0 || inserts.Count > 0 || deleted > 0) Flush();
                retain += item.Length;
            }
        }
        FlushInsert();
        if (deleted > 0) { if (retain > 0) delta.Add(new YDelta { Retain = retain }); delta.Add(new YDelta { Delete = deleted }); }
        return delta;
    }

    private static bool SameAttrs(Dictionary<string, object?>? a, Dictionary<string, object?>? b)
    {
        if (a == null || b == null) return a == b;
        return AnyValue.EqualAttrs(a, b);
    }
}
