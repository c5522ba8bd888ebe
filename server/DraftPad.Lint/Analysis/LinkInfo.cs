using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DraftPad.Lint.Analysis;

/// <summary>An inline link or image of the body, with its source offsets.</summary>
internal sealed class LinkInfo
{
    public LinkInfo(LintContext context, LinkInline link, int rootIndex, ListItemBlock? item, bool firstInItem)
    {
        Inline = link;
        RootIndex = rootIndex;
        Item = item;
        FirstInItem = firstInItem;
        Offset = link.Span.Start;
        Length = Math.Max(0, LintContext.End(link) - Offset);
        Url = link.Url ?? "";
        if (!link.UrlSpan.IsEmpty && link.UrlSpan.End + 1 <= context.Text.Length)
        {
            UrlOffset = link.UrlSpan.Start;
            UrlLength = link.UrlSpan.End + 1 - link.UrlSpan.Start;
        }
        else
        {
            UrlOffset = -1;
        }
        Label = PlainText(link).Trim();
    }

    public LinkInline Inline { get; }

    public bool IsImage => Inline.IsImage;

    public bool IsAutoLink => Inline.IsAutoLink;

    public int RootIndex { get; }

    /// <summary>The list item whose paragraph holds the link, if any.</summary>
    public ListItemBlock? Item { get; }

    /// <summary>Whether this is the first link of its list item's first paragraph.</summary>
    public bool FirstInItem { get; }

    public int Offset { get; }

    public int Length { get; }

    public string Url { get; }

    /// <summary>Offset of the URL as written, or -1 when unknown.</summary>
    public int UrlOffset { get; }

    public int UrlLength { get; }

    /// <summary>The link text as rendered (no markup).</summary>
    public string Label { get; }

    public static string PlainText(ContainerInline container)
    {
        var sb = new StringBuilder();
        Append(container, sb);
        return sb.ToString();
    }

    private static void Append(ContainerInline container, StringBuilder sb)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline lit: sb.Append(lit.Content.AsSpan()); break;
                case CodeInline code: sb.Append(code.Content); break;
                case LineBreakInline: sb.Append(' '); break;
                case HtmlEntityInline entity: sb.Append(entity.Transcoded.AsSpan()); break;
                case ContainerInline c: Append(c, sb); break;
            }
        }
    }
}
