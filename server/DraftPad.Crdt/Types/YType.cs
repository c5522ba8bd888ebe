namespace DraftPad.Crdt;

/// <summary>
/// Base of the public shared types. A type created with <c>new</c> is a preliminary value:
/// edits made to it are replayed once it is inserted into a document.
/// </summary>
public abstract class YType
{
    internal readonly Branch Branch;

    private protected YType(Branch branch)
    {
        Branch = branch;
        branch.SetView(this);
    }

    /// <summary>The document this type belongs to, or null while it is preliminary.</summary>
    public YDoc? Doc => Branch.Doc;

    /// <summary>The kind of this type.</summary>
    public YTypeKind Kind => Branch.Kind;

    /// <summary>The type that contains this one, or null for a root type.</summary>
    public YType? Parent => Branch.Item?.Parent is Branch p ? p.View() : null;

    /// <summary>Whether this type's containing item was deleted.</summary>
    public bool IsDeleted => Branch.Item?.Deleted ?? false;

    /// <summary>Calls <paramref name="handler"/> after each transaction that changed this type.</summary>
    public void Observe(Action<YEvent> handler) => (Branch.Observers ??= new()).Add(handler);

    /// <summary>Removes a handler added with <see cref="Observe"/>.</summary>
    public void Unobserve(Action<YEvent> handler) => Branch.Observers?.Remove(handler);

    /// <summary>Calls <paramref name="handler"/> with the events of this type and all types nested in it.</summary>
    public void ObserveDeep(Action<IReadOnlyList<YEvent>> handler) => (Branch.DeepObservers ??= new()).Add(handler);

    /// <summary>Removes a handler added with <see cref="ObserveDeep"/>.</summary>
    public void UnobserveDeep(Action<IReadOnlyList<YEvent>> handler) => Branch.DeepObservers?.Remove(handler);

    /// <summary>A JSON-like rendering of the content (strings, numbers, dictionaries, lists).</summary>
    public abstract object? ToJson();

    /// <summary>Runs an edit in a transaction, or queues it while the type is preliminary.</summary>
    private protected void Edit(Action<Transaction> edit)
    {
        var doc = Branch.Doc;
        if (doc == null)
        {
            (Branch.Prelim ??= new()).Add(() => Branch.Doc!.Transact(edit));
            return;
        }
        doc.Transact(edit);
    }

    internal static YType CreateView(Branch branch) => branch.Kind switch
    {
        YTypeKind.Text => new YText(branch),
        YTypeKind.Map => new YMap(branch),
        YTypeKind.Array => new YArray(branch),
        YTypeKind.XmlFragment => new YXmlFragment(branch),
        YTypeKind.XmlElement => new YXmlElement(branch),
        YTypeKind.XmlText => new YXmlText(branch),
        YTypeKind.XmlHook => new YXmlHook(branch),
        _ => throw new InvalidOperationException("The kind of this root type is not known yet; get it with GetText, GetMap, ... first."),
    };

    /// <summary>Converts a value read from the document for <see cref="ToJson"/>.</summary>
    internal static object? ValueToJson(object? value) => value is YType t ? t.ToJson() : value;
}

/// <summary>A reference to a sub-document stored in a map or array (not loaded by DraftPad).</summary>
public sealed record YSubdocReference(string Guid, object? Options);
