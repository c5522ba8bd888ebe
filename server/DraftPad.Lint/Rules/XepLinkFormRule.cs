using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL031: XEP links use the form of their time: <c>/extensions/xep-NNNN.html</c> from the 2025-02 release on, <c>https://xmpp.org/extensions/...</c> before.</summary>
internal sealed class XepLinkFormRule() : Rule("NL031", LintSeverity.Warning, "xep-link-form")
{
    public override void Check(LintContext context)
    {
        var relative = context.ReleaseDate is not DateOnly r || r >= NewsletterLayout.RelativeLinksFrom;
        foreach (var link in context.Links)
        {
            if (link.IsImage || link.UrlOffset < 0) continue;
            var m = XepLinks.Page().Match(link.Url);
            if (!m.Success) continue;
            var path = m.Groups["path"].Value;
            var expected = relative ? path : "https://xmpp.org" + path;
            if (link.Url == expected) continue;
            if (context.Text.AsSpan(link.UrlOffset, link.UrlLength).SequenceEqual(link.Url) is false) continue;
            Report(context, link.UrlOffset, link.UrlLength,
                relative ? $"Link XEPs relative to the site: write '{expected}'." : $"Issues of this time link XEPs absolutely: write '{expected}'.",
                Edits.Fix("Normalize the XEP link", new TextEdit(link.UrlOffset, link.UrlLength, expected)));
        }
    }
}
