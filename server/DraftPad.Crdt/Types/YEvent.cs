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

    private List<YDelta> ComputeDelta() =>
        Branch.Kind is YTypeKind.Text or YTypeKind.XmlText ? TextEventDelta.Compute(Branch, Transaction) : ListDelta();

    /// <summary>Yjs's YEvent.changes.delta for lists: runs of inserted values, deletes and retains.</summary>
    private List<YDelta> ListDelta()
    {
        var delta = new List<YDelta>();
        var tr = Transaction;
        List<object?>? insert = null;
        long retain = 0, deleted = 0;
        char last = ' ';

        void Pack()
        {
            switch (last)
            {
                case 'i': delta.Add(new YDelta { Insert = insert }); insert = null; break;
                case 'r': delta.Add(new YDelta { Retain = retain }); retain = 0; break;
                case 'd': delta.Add(new YDelta { Delete = deleted }); deleted = 0; break;
            }
        }

        for (var item = Branch.Start; item != null; item = item.Right)
        {
            if (item.Deleted)
            {
                if (!tr.Deletes(item) || tr.Adds(item)) continue;
                if (last != 'd') { Pack(); last = 'd'; }
                deleted += item.Length;
            }
            else if (tr.Adds(item))
            {
                if (last != 'i') { Pack(); last = 'i'; insert = new List<object?>(); }
                item.Content.AppendValues(insert!);
            }
            else
            {
                if (last != 'r') { Pack(); last = 'r'; }
                retain += item.Length;
            }
        }
        if (last != 'r') Pack();
        return delta;
    }
}
