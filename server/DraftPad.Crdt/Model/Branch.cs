namespace DraftPad.Crdt;

/// <summary>
/// The data of one shared type (Yjs's AbstractType): its list of items, its map of keyed
/// items, its visible length. Public types (<see cref="YText"/>, <see cref="YMap"/>, ...) are
/// views over a branch, so a root whose kind is not known yet can hold content and gain its
/// kind later without re-parenting anything.
/// </summary>
internal sealed class Branch(YTypeKind kind)
{
    public YTypeKind Kind = kind;

    /// <summary>Element name of an XmlElement, hook name of an XmlHook.</summary>
    public string? NodeName;

    public YDoc? Doc;

    /// <summary>The item holding this type, null for a root type.</summary>
    public Item? Item;

    public Item? Start;
    public Dictionary<string, Item>? Map;

    /// <summary>Visible countable length of the list part.</summary>
    public long Length;

    /// <summary>Root name, for root types.</summary>
    public string? Name;

    public SearchMarkers? Markers;
    public bool HasFormatting;

    /// <summary>Edits made before the type was integrated into a document.</summary>
    public List<Action>? Prelim;

    public List<Action<YEvent>>? Observers;
    public List<Action<IReadOnlyList<YEvent>>>? DeepObservers;

    private YType? _view;

    public YType View() => _view ??= YType.CreateView(this);

    internal void SetView(YType view) => _view = view;

    public void EnableMarkers()
    {
        if (Markers == null && !HasFormatting && Kind is YTypeKind.Array or YTypeKind.Text or YTypeKind.XmlText
                or YTypeKind.XmlFragment or YTypeKind.XmlElement)
        {
            Markers = new SearchMarkers();
        }
    }

    public void Integrate(YDoc doc, Item? item)
    {
        Doc = doc;
        Item = item;
        EnableMarkers();
        var prelim = Prelim;
        Prelim = null;
        if (prelim != null)
        {
            foreach (var action in prelim) action();
        }
    }

    /// <summary>The current value item of a key, or null.</summary>
    public Item? MapGet(string key) =>
        Map != null && Map.TryGetValue(key, out var item) && !item.Deleted ? item : null;
}
