namespace DraftPad.Lint.Analysis;

/// <summary>A <c>##</c> section of the current layout (2024-06 on).</summary>
/// <param name="Key">Identity of the slot (aliases share it).</param>
/// <param name="Names">Accepted headings, canonical first (compared case-insensitively).</param>
/// <param name="Rank">Position in the layout's order; 0 for extras that may stand anywhere.</param>
/// <param name="RequiredFrom">Release date from which the section is required, or null when optional.</param>
/// <param name="Strict">Whether the name can only be this section (then it is an error at another heading level).</param>
/// <param name="Subsections">Known <c>###</c> subsections (empty: any topic may stand below it).</param>
internal sealed record SectionDef(string Key, string[] Names, int Rank, DateOnly? RequiredFrom, bool Strict, string[] Subsections)
{
    public string Canonical => Names[0];
}

/// <summary>What the linter knows of the newsletter's layout.</summary>
internal static class NewsletterLayout
{
    /// <summary>First release of the current layout.</summary>
    public static readonly DateOnly CurrentLayoutFrom = new(2024, 6, 1);

    /// <summary>First release whose XEP links are site-relative.</summary>
    public static readonly DateOnly RelativeLinksFrom = new(2025, 2, 1);

    /// <summary>First release with a front matter summary.</summary>
    public static readonly DateOnly SummaryFrom = new(2025, 11, 1);

    public const string ExtensionsKey = "extensions";
    public const string HelpUsHeading = "Help us to build the newsletter";
    public const string HelpUsAnchor = "help-us-to-build-the-newsletter";

    public static readonly string[] ExtensionSubsections =
        ["Proposed", "New", "Deferred", "Updated", "Last Call", "Stable", "Deprecated", "Rejected"];

    public static readonly SectionDef[] Sections =
    [
        new("announcements", ["XSF Announcements"], 1, null, true, []),
        new("events", ["XMPP Events", "Events"], 2, null, false, []),
        new("videos", ["Videos and Talks", "Videos", "Talks", "XMPP Videos"], 3, null, false, []),
        new("articles", ["XMPP Articles"], 4, null, true, []),
        new("software", ["XMPP Software News"], 5, new DateOnly(2024, 6, 1), true,
            ["XMPP Clients and Applications", "XMPP Servers", "XMPP Libraries & Tools"]),
        new(ExtensionsKey, ["Extensions and specifications"], 6, new DateOnly(2024, 6, 1), true, ExtensionSubsections),
        new("spread", ["Spread the news"], 7, new DateOnly(2024, 6, 1), true, ["Newsletter Contributors & Translations"]),
        new("help", [HelpUsHeading], 8, new DateOnly(2024, 6, 1), true, []),
        new("unsubscribe", ["Unsubscribe from the XMPP Newsletter"], 9, new DateOnly(2024, 7, 1), true, []),
        new("license", ["License"], 10, new DateOnly(2024, 6, 1), false, []),
        new("fiscal", ["XSF Fiscal Hosting Projects"], 0, null, false, []),
        new("channels", ["XMPP Public channels"], 0, null, false, []),
    ];

    private static readonly Dictionary<string, SectionDef> ByName = BuildByName();

    private static Dictionary<string, SectionDef> BuildByName()
    {
        var map = new Dictionary<string, SectionDef>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in Sections)
        {
            foreach (var n in s.Names) map[n] = s;
        }
        return map;
    }

    public static SectionDef? FindSection(string heading) => ByName.GetValueOrDefault(heading.Trim());

    private static readonly HashSet<string> StrictNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "XSF Announcements", "XMPP Events", "Videos and Talks", "XMPP Videos", "XMPP Articles", "XMPP Software News",
        "Extensions and specifications", "Spread the news", HelpUsHeading, "Unsubscribe from the XMPP Newsletter",
    };

    /// <summary>Whether <paramref name="heading"/> can only be a <c>##</c> section (so it is wrong at another level).</summary>
    public static bool IsStrictSectionName(string heading) => StrictNames.Contains(heading.Trim());

    /// <summary>The section whose known subsections include <paramref name="heading"/>, if any.</summary>
    public static SectionDef? FindSubsectionParent(string heading)
    {
        foreach (var s in Sections)
        {
            foreach (var sub in s.Subsections)
            {
                if (string.Equals(sub, heading.Trim(), StringComparison.OrdinalIgnoreCase)) return s;
            }
        }
        return null;
    }

    /// <summary>The intro paragraph and placeholder sentence of an Extensions subsection.</summary>
    public static (string? Intro, string Placeholder) ExtensionDefaults(string subsection)
    {
        foreach (var (heading, intro, placeholder) in NewsletterSkeleton.ExtensionSubsections)
        {
            if (string.Equals(heading, subsection, StringComparison.OrdinalIgnoreCase)) return (intro, placeholder);
        }
        return (null, "No XEPs this month.");
    }

    /// <summary>Words by which a placeholder sentence names its subsection.</summary>
    public static string[] PlaceholderKeywords(string subsection) => subsection.ToUpperInvariant() switch
    {
        "PROPOSED" => ["propos"],
        "NEW" => ["new"],
        "DEFERRED" => ["defer"],
        "UPDATED" => ["updat"],
        "LAST CALL" => ["last call"],
        "STABLE" => ["stable", "draft"],
        "DEPRECATED" => ["deprecat", "obsolet"],
        "REJECTED" => ["reject"],
        _ => [],
    };

    /// <summary>Starts of the standard intro paragraphs of Extensions subsections (not entries).</summary>
    public static readonly string[] StandardIntroStarts =
    [
        "The XEP development process starts",
        "If an experimental XEP is not updated",
        "Last calls are issued",
        "The XMPP Standards Foundation develops extensions",
    ];

    /// <summary>Known shortcodes and their parameters.</summary>
    public static readonly Dictionary<string, (string[] Required, string[] Allowed)> Shortcodes = new(StringComparer.Ordinal)
    {
        ["figure"] = (["src"], ["src", "caption", "alt", "width", "height", "link", "target", "rel", "class", "title", "attr", "attrlink"]),
        ["video"] = (["src"], ["src", "caption", "title", "attr", "class"]),
        ["newsletter-subscribe"] = ([], []),
    };
}
