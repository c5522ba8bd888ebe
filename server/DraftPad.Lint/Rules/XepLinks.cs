using System.Text.RegularExpressions;

namespace DraftPad.Lint.Rules;

/// <summary>Patterns for XEP links.</summary>
internal static partial class XepLinks
{
    /// <summary>"XEP-0045", "XEP 0045", "XEP0045" in link text.</summary>
    [GeneratedRegex(@"\bXEP[-\s]?(\d{1,4})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex TextNumber();

    /// <summary>The number of a XEP page target.</summary>
    [GeneratedRegex(@"(?:^|/)extensions/(?:attic/)?xep-(\d{4})\.html", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex TargetNumber();

    /// <summary>A link to a XEP page or a proposed XEP (inbox) on xmpp.org, in any form; group "path" is the site path.</summary>
    [GeneratedRegex(@"^(?:(?:https?://)?(?:www\.)?xmpp\.org)?(?<path>/extensions/(?:xep-\d{4}\.html|inbox/[^\s?#/]+\.html)(?:#\S*)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Page();
}
