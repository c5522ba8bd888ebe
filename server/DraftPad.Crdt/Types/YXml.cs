using System.Text;

namespace DraftPad.Crdt;

/// <summary>An ordered list of XML nodes (Y.XmlFragment).</summary>
public class YXmlFragment : YType
{
    internal YXmlFragment(Branch branch) : base(branch) { }

    /// <summary>Creates a preliminary fragment.</summary>
    public YXmlFragment() : base(new Branch(YTypeKind.XmlFragment)) { }

    /// <summary>Number of child nodes.</summary>
    public int Length => (int)Branch.Length;

    /// <summary>Inserts new (preliminary) nodes at <paramref name="index"/>.</summary>
    public void Insert(int index, params YType[] nodes) => Edit(tr => ListOps.Insert(tr, Branch, index, nodes));

    /// <summary>Deletes child nodes.</summary>
    public void Delete(int index, int length = 1) => Edit(tr => ListOps.Delete(tr, Branch, index, length));

    /// <summary>The child nodes.</summary>
    public IReadOnlyList<YType> Children => ListOps.ToList(Branch).OfType<YType>().ToList();

    /// <summary>The XML serialization of the children, as Yjs's toString.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var child in Children) sb.Append(child.ToString());
        return sb.ToString();
    }

    /// <inheritdoc />
    public override object? ToJson() => ToString();
}

/// <summary>An XML element with a name, attributes and children (Y.XmlElement).</summary>
public sealed class YXmlElement : YXmlFragment
{
    internal YXmlElement(Branch branch) : base(branch) { }

    /// <summary>Creates a preliminary element.</summary>
    public YXmlElement(string nodeName) : base(new Branch(YTypeKind.XmlElement) { NodeName = nodeName }) { }

    /// <summary>The element name.</summary>
    public string NodeName => Branch.NodeName ?? "UNDEFINED";

    /// <summary>Sets an attribute.</summary>
    public void SetAttribute(string name, object? value) => Edit(tr => MapOps.Set(tr, Branch, name, value));

    /// <summary>Removes an attribute.</summary>
    public void RemoveAttribute(string name) => Edit(tr => MapOps.Delete(tr, Branch, name));

    /// <summary>An attribute value.</summary>
    public object? GetAttribute(string name) => MapOps.Get(Branch, name);

    /// <summary>All attributes.</summary>
    public Dictionary<string, object?> GetAttributes() => MapOps.ToJson(Branch);

    /// <summary>The XML serialization (attributes sorted by name, as Yjs does).</summary>
    public override string ToString()
    {
        var attrs = GetAttributes().OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => $" {a.Key}=\"{a.Value}\"");
        var name = NodeName.ToLowerInvariant();
        return $"<{name}{string.Concat(attrs)}>{base.ToString()}</{name}>";
    }
}

/// <summary>Text inside an XML tree (Y.XmlText): a <see cref="YText"/> whose delta renders as XML.</summary>
public sealed class YXmlText : YText
{
    internal YXmlText(Branch branch) : base(branch) { }

    /// <summary>Creates a preliminary XML text.</summary>
    public YXmlText() : base(new Branch(YTypeKind.XmlText)) { }

    /// <summary>The text with formatting attributes rendered as nested tags, as Yjs does.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var op in ToDelta())
        {
            var attrs = op.Attributes?.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList() ?? new List<string>();
            foreach (var key in attrs)
            {
                sb.Append('<').Append(key);
                if (op.Attributes![key] is IReadOnlyDictionary<string, object?> nested)
                {
                    foreach (var (k, v) in nested) sb.Append(' ').Append(k).Append("=\"").Append(v).Append('"');
                }
                sb.Append('>');
            }
            sb.Append(op.Insert is string s ? s : op.Insert?.ToString());
            for (var i = attrs.Count - 1; i >= 0; i--) sb.Append("</").Append(attrs[i]).Append('>');
        }
        return sb.ToString();
    }
}

/// <summary>A custom node stored as a map with a hook name (Y.XmlHook); stored and re-encoded faithfully.</summary>
public sealed class YXmlHook : YType
{
    internal YXmlHook(Branch branch) : base(branch) { }

    /// <summary>The hook name.</summary>
    public string HookName => Branch.NodeName ?? "";

    /// <summary>What Yjs's XML serialization prints for a hook (it is a plain JS object there).</summary>
    public override string ToString() => "[object Object]";

    /// <inheritdoc />
    public override object? ToJson() => MapOps.ToJson(Branch);
}
