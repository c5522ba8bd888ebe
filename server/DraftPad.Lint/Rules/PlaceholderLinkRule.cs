namespace DraftPad.Lint.Rules;

/// <summary>NL033: a link whose target or text is a placeholder ("url", "#", "TODO", example.com).</summary>
internal sealed class PlaceholderLinkRule() : Rule("NL033", LintSeverity.Error, "placeholder-link")
{
    private static readonly HashSet<string> Targets = new(StringComparer.OrdinalIgnoreCase)
    {
        "#", "url", "link", "todo", "tbd", "xxx", "...", "…", "http://", "https://", "<url>", "(url)", "url-here", "link-here", "insert-link",
    };

    private static readonly HashSet<string> Labels = new(StringComparer.OrdinalIgnoreCase) { "todo", "tbd", "xxx", "...", "…", "link text" };

    public override void Check(LintContext context)
    {
        foreach (var link in context.Links)
        {
            if (link.IsAutoLink) continue;
            var url = link.Url.Trim();
            if (url.Length > 0 && (Targets.Contains(url) || IsExampleHost(url)))
            {
                Report(context, link.Offset, link.Length, $"The link target '{url}' is a placeholder: put the real address.");
            }
            else if (Labels.Contains(link.Label))
            {
                Report(context, link.Offset, link.Length, $"The link text '{link.Label}' is a placeholder: write what the link points to.");
            }
        }
    }

    private static bool IsExampleHost(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")) return false;
        var host = uri.Host;
        return host is "example.com" or "example.org" or "example.net" || host.EndsWith(".example.com", StringComparison.Ordinal);
    }
}
