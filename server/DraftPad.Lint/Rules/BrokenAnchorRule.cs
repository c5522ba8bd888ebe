using System.Text;
using DraftPad.Lint.Analysis;
using Markdig.Syntax;

namespace DraftPad.Lint.Rules;

/// <summary>NL035: an in-page link <c>#anchor</c> matches a heading (the welcome paragraph links to <c>#help-us-to-build-the-newsletter</c>).</summary>
internal sealed class BrokenAnchorRule() : Rule("NL035", LintSeverity.Error, "broken-anchor")
{
    public override void Check(LintContext context)
    {
        HashSet<string>? anchors = null;
        foreach (var link in context.Links)
        {
            if (link.IsImage || link.Url.Length < 2 || link.Url[0] != '#') continue;
            anchors ??= Anchors(context);
            var anchor = Uri.UnescapeDataString(link.Url[1..]);
            if (anchors.Contains(anchor)) continue;
            Report(context, link.Offset, link.Length, anchor == NewsletterLayout.HelpUsAnchor
                ? $"This links to #{anchor}, but no heading '{NewsletterLayout.HelpUsHeading}' exists: keep that heading exactly as it is."
                : $"No heading has the anchor #{anchor}: correct the link or the heading.");
        }
    }

    /// <summary>Heading ids as Hugo generates them (GitHub style), with -1, -2 for repeated ones.</summary>
    private static HashSet<string> Anchors(LintContext context)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in context.Document.Descendants<HeadingBlock>())
        {
            var text = heading.Inline is null ? "" : LinkInfo.PlainText(heading.Inline);
            var id = Anchorize(text);
            var candidate = id;
            for (var n = 1; !result.Add(candidate); n++) candidate = id + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return result;
    }

    internal static string Anchorize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            else if (c == ' ' || c == '-') sb.Append('-');
            else if (c == '_') sb.Append('_');
        }
        return sb.ToString();
    }
}
