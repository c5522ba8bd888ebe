using System.Text;

namespace DraftPad.Crdt;

/// <summary>One operation of a Quill-style delta: an insert (with attributes), a retain or a delete.</summary>
public sealed record YDelta
{
    /// <summary>Inserted content: a string, an embed object, or a nested <see cref="YType"/>.</summary>
    public object? Insert { get; init; }

    /// <summary>Number of units kept.</summary>
    public long? Retain { get; init; }

    /// <summary>Number of units removed.</summary>
    public long? Delete { get; init; }

    /// <summary>Formatting attributes of an insert or retain.</summary>
    public IReadOnlyDictionary<string, object?>? Attributes { get; init; }
}

/// <summary>Shared rich text (Y.Text): UTF-16 indices, formatting as attribute markers, embeds.</summary>
public class YText : YType
{
    internal YText(Branch branch) : base(branch) { }

    /// <summary>Creates a preliminary text, optionally with initial content.</summary>
    public YText(string? initial = null) : this(new Branch(YTypeKind.Text))
    {
        if (!string.IsNullOrEmpty(initial)) Insert(0, initial);
    }

    /// <summary>Length in UTF-16 code units (embeds count 1, formatting 0).</summary>
    public int Length => (int)Branch.Length;

    /// <summary>Inserts <paramref name="text"/> at <paramref name="index"/>; without attributes it takes the formatting in effect there.</summary>
    public void Insert(int index, string text, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        if (text.Length == 0) return;
        Edit(tr =>
        {
            var pos = TextEditing.FindPosition(tr, Branch, index, attributes == null);
            var attrs = attributes == null ? pos.CurrentAttributes.Copy() : ToOrderedMap(attributes);
            TextEditing.InsertText(tr, Branch, pos, new ContentString(text), attrs);
        });
    }

    /// <summary>Inserts an embed (a JSON-like object, or a new shared type) at <paramref name="index"/>.</summary>
    public void InsertEmbed(int index, object embed, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(embed);
        Edit(tr =>
        {
            var pos = TextEditing.FindPosition(tr, Branch, index, attributes == null);
            Content content = embed is YType t ? new ContentType(t.Branch) : new ContentEmbed(AnyValue.NormalizeJson(embed, "an embed"));
            TextEditing.InsertText(tr, Branch, pos, content, attributes == null ? new OrderedMap() : ToOrderedMap(attributes));
        });
    }

    /// <summary>Deletes <paramref name="length"/> units from <paramref name="index"/>.</summary>
    public void Delete(int index, int length)
    {
        if (length == 0) return;
        Edit(tr => TextEditing.DeleteText(tr, TextEditing.FindPosition(tr, Branch, index, true), length));
    }

    /// <summary>Applies attributes to a range (a null value removes the attribute).</summary>
    public void Format(int index, int length, IReadOnlyDictionary<string, object?> attributes)
    {
        if (length == 0) return;
        Edit(tr =>
        {
            var pos = TextEditing.FindPosition(tr, Branch, index, false);
            if (pos.Right == null) return;
            TextEditing.FormatText(tr, Branch, pos, length, ToOrderedMap(attributes));
        });
    }

    /// <summary>Sets an attribute of the text itself (stored in its map part).</summary>
    public void SetAttribute(string name, object? value) => Edit(tr => MapOps.Set(tr, Branch, name, value));

    /// <summary>Removes an attribute of the text itself.</summary>
    public void RemoveAttribute(string name) => Edit(tr => MapOps.Delete(tr, Branch, name));

    /// <summary>An attribute of the text itself.</summary>
    public object? GetAttribute(string name) => MapOps.Get(Branch, name);

    /// <summary>The visible text (embeds and formatting omitted).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder((int)Branch.Length);
        for (var n = Branch.Start; n != null; n = n.Right)
        {
            if (!n.Deleted && n.Countable && n.Content is ContentString s) sb.Append(s.Span);
        }
        return sb.ToString();
    }

    /// <summary>The text as it was at <paramref name="snapshot"/> (documents with gc off).</summary>
    public string ToString(YSnapshot snapshot)
    {
        var sb = new StringBuilder();
        foreach (var op in ToDelta(snapshot))
        {
            if (op.Insert is string s) sb.Append(s);
        }
        return sb.ToString();
    }

    /// <inheritdoc />
    public override object? ToJson() => ToString();

    /// <summary>
    /// The content as a delta of inserts. With snapshots, the state at <paramref name="snapshot"/>;
    /// with both, the difference marked with a <c>ychange</c> attribute (added / removed).
    /// </summary>
    public List<YDelta> ToDelta(YSnapshot? snapshot = null, YSnapshot? prevSnapshot = null)
    {
        if ((snapshot == null && prevSnapshot == null) || Branch.Doc == null) return ComputeDelta(snapshot, prevSnapshot);
        List<YDelta> result = null!;
        // Items are split at snapshot boundaries inside a transaction; its cleanup merges them back.
        Branch.Doc.Transact(tr =>
        {
            if (snapshot != null) snapshot.SplitAffectedStructs(tr);
            if (prevSnapshot != null) prevSnapshot.SplitAffectedStructs(tr);
            result = ComputeDelta(snapshot, prevSnapshot);
        }, "cleanup");
        return result;
    }

    private List<YDelta> ComputeDelta(YSnapshot? snapshot, YSnapshot? prevSnapshot)
    {
        var ops = new List<YDelta>();
        var current = new OrderedMap();
        var str = new StringBuilder();

        void PackStr()
        {
            if (str.Length == 0) return;
            ops.Add(new YDelta { Insert = str.ToString(), Attributes = current.Count > 0 ? current.ToDictionary() : null });
            str.Clear();
        }

        bool Visible(Item n, YSnapshot? s) => s == null ? !n.Deleted : s.IsVisible(n);

        for (var n = Branch.Start; n != null; n = n.Right)
        {
            if (!(Visible(n, snapshot) || (prevSnapshot != null && Visible(n, prevSnapshot)))) continue;
            switch (n.Content)
            {
                case ContentString s:
                    {
                        var cur = current.Get("ychange");
                        // Yjs compares the marker's user with the item's client; without user info
                        // that never matches, so every changed item starts a new op (kept as is).
                        if (snapshot != null && !Visible(n, snapshot))
                        {
                            PackStr();
                            current.Set("ychange", YChange("removed"));
                        }
                        else if (prevSnapshot != null && !Visible(n, prevSnapshot))
                        {
                            PackStr();
                            current.Set("ychange", YChange("added"));
                        }
                        else if (cur is not Undefined)
                        {
                            PackStr();
                            current.Remove("ychange");
                        }
                        str.Append(s.Span);
                        break;
                    }
                case ContentType or ContentEmbed:
                    {
                        PackStr();
                        var values = new List<object?>(1);
                        n.Content.AppendValues(values);
                        ops.Add(new YDelta { Insert = values[0], Attributes = current.Count > 0 ? current.ToDictionary() : null });
                        break;
                    }
                case ContentFormat f:
                    if (Visible(n, snapshot))
                    {
                        PackStr();
                        TextFormatting.UpdateCurrentAttributes(current, f);
                    }
                    break;
            }
        }
        PackStr();
        return ops;
    }

    private static Dictionary<string, object?> YChange(string type) => new() { ["type"] = type };

    internal static OrderedMap ToOrderedMap(IReadOnlyDictionary<string, object?> attributes)
    {
        var map = new OrderedMap();
        foreach (var (k, v) in attributes) map.Set(k, AnyValue.NormalizeJson(v, "a text attribute"));
        return map;
    }
}
