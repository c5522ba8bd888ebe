namespace DraftPad.Lint.Rules;

/// <summary>
/// NL034: two list entries of one news section lead with the same link (the same news added twice). The
/// Extensions section (a XEP may be updated and advanced in one month) and the standard closing sections
/// (the translations list links one page per language) are not checked.
/// </summary>
internal sealed class DuplicateEntryRule() : Rule("NL034", LintSeverity.Warning, "duplicate-entry")
{
    public override void Check(LintContext context)
    {
        var seen = new Dictionary<string, Analysis.LinkInfo>(StringComparer.Ordinal);
        foreach (var link in context.Links)
        {
            if (!link.FirstInItem || link.IsImage || Normalize(link.Url) is not string url) continue;
            var section = context.SectionOfRoot(link.RootIndex);
            if (section?.Section?.Key is "extensions" or "spread" or "help" or "unsubscribe" or "license") continue;
            var key = (section?.RootIndex ?? -1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + url;
            if (seen.TryGetValue(key, out var first))
            {
                if (ReferenceEquals(first.Item, link.Item)) continue;
                Report(context, link.Offset, link.Length,
                    $"Another entry (line {context.GetRange(first.Offset, 0).Line}) already leads with this link: remove one of the two or merge them.");
            }
            else
            {
                seen[key] = link;
            }
        }
    }

    /// <summary>A comparable form of an article or release address; null for a site's home page or a non-web link.</summary>
    private static string? Normalize(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")) return null;
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.Length == 0) return null;
        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        // The site's own category pages (the translations list links one per language).
        if (host.Equals("xmpp.org", StringComparison.OrdinalIgnoreCase) && path.StartsWith("/categories/", StringComparison.OrdinalIgnoreCase)) return null;
        return host.ToLowerInvariant() + path + uri.Query;
    }
}
