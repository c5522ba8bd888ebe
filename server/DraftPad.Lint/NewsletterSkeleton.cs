using System.Globalization;
using System.Text;

namespace DraftPad.Lint;

/// <summary>
/// The markdown a new month's pad starts with: the current layout (2024-06 on) of the XMPP
/// Newsletter, with its standard paragraphs taken verbatim from the latest published issues,
/// every section in order, each Extensions subsection carrying its placeholder sentence, and
/// editor-only notes (HTML comments, removed on export) saying what goes where.
/// </summary>
public static class NewsletterSkeleton
{
    /// <summary>The skeleton for the issue covering <paramref name="month"/>/<paramref name="year"/>, released on <paramref name="releaseDate"/> (default: the 5th of the next month).</summary>
    public static string Create(int year, int month, DateOnly? releaseDate = null)
    {
        var covered = new DateOnly(year, month, 1);
        var release = releaseDate ?? covered.AddMonths(1).AddDays(4);
        var monthName = covered.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var date = release.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append("title: The XMPP Newsletter ").Append(monthName).Append('\n');
        text.Append("date: ").Append(date).Append('\n');
        text.Append("categories: ['Newsletter']\n");
        text.Append("summary: \"In this issue: \"\n");
        text.Append("---\n\n");
        text.Append("{{< figure src=\"/images/newsletter/xmpp_newsletter_banner.jpg\" caption=\"XMPP Newsletter Banner\" >}}\n\n");
        text.Append("Welcome to the XMPP Newsletter, great to have you here again!\n");
        text.Append("This issue covers the month of ").Append(monthName).Append(".\n\n");
        text.Append(Standard.Intro);
        Section(text, "XSF Announcements", "XSF news: membership, elections, Summit, sprints. Use ### for each topic.");
        Section(text, "XMPP Events", "Events and meetups. Remove this section if there are none.");
        Section(text, "Videos and Talks", "Videos and talks, with a language tag such as [DE] when not in English.");
        Section(text, "XMPP Articles", "Articles and blog posts, with a language tag such as [ES] when not in English.");
        text.Append("## XMPP Software News\n\n");
        Subsection(text, "XMPP Clients and Applications", "\"[Project](url) has released version [N](url) ...\"");
        Subsection(text, "XMPP Servers", "Server releases.");
        Subsection(text, "XMPP Libraries & Tools", "Library and tool releases.");
        text.Append("## Extensions and specifications\n\n").Append(Standard.Extensions).Append('\n');
        foreach (var (heading, intro, placeholder) in ExtensionSubsections)
        {
            text.Append("### ").Append(heading).Append("\n\n");
            if (intro != null) text.Append(intro).Append("\n\n");
            text.Append("- ").Append(placeholder).Append("\n\n");
        }
        text.Append("## Spread the news\n\n").Append(Standard.SpreadTheNews);
        text.Append("### Newsletter Contributors & Translations\n\n").Append(Standard.Contributors);
        text.Append("## Help us to build the newsletter\n\n").Append(Standard.HelpUs);
        text.Append("## Unsubscribe from the XMPP Newsletter\n\n").Append(Standard.Unsubscribe);
        text.Append("## License\n\n").Append(Standard.License);
        return text.ToString();
    }

    /// <summary>The eight Extensions subsections in order: heading, standard intro (or null), placeholder sentence.</summary>
    public static IReadOnlyList<(string Heading, string? Intro, string Placeholder)> ExtensionSubsections { get; } =
    [
        ("Proposed", Standard.Proposed, "No XEPs proposed this month."),
        ("New", null, "No new XEPs this month."),
        ("Deferred", Standard.Deferred, "No XEPs deferred this month."),
        ("Updated", null, "No XEPs updated this month."),
        ("Last Call", Standard.LastCall, "No Last Call this month."),
        ("Stable", null, "No stable XEPs this month."),
        ("Deprecated", null, "No XEPs deprecated this month."),
        ("Rejected", null, "No XEPs rejected this month."),
    ];

    private static void Section(StringBuilder text, string heading, string note) =>
        text.Append("## ").Append(heading).Append("\n\n<!-- ").Append(note).Append(" -->\n\n");

    private static void Subsection(StringBuilder text, string heading, string note) =>
        text.Append("### ").Append(heading).Append("\n\n<!-- ").Append(note).Append(" -->\n\n");

    /// <summary>Paragraphs every issue carries, verbatim from the issues of 2025-2026.</summary>
    private static class Standard
    {
        public const string Intro =
            "The [XMPP Newsletter](/categories/newsletter/) is brought to you by the [XSF Communication Team](/about/xsf/comm-team/).\n\n" +
            "Just like any other product or project by the XSF, the Newsletter is the result of the voluntary work of its members and contributors. If you are happy with the services and software you may be using, please consider saying thanks or help these projects!\n\n" +
            "Interested in contributing to the [XSF Communication Team](/about/xsf/comm-team/)? Read more [at the bottom](#help-us-to-build-the-newsletter).\n\n";

        public const string Extensions =
            "The XMPP Standards Foundation develops extensions to XMPP in its [XEP series](/extensions/) in addition to [XMPP RFCs](/rfcs/). Developers and other standards experts from around the world collaborate on these extensions, developing new specifications for emerging practices, and refining existing ways of doing things. Proposed by anybody, the particularly successful ones end up as Final or Active - depending on their type - while others are carefully archived as Deferred. This life cycle is described in [XEP-0001](/extensions/xep-0001.html), which contains the formal and canonical definitions for the types, states, and processes. [Read more about the standards process](/about/standards-process.html). Communication around Standards and Extensions happens in the [Standards Mailing List](https://mail.jabber.org/postorius/lists/standards.xmpp.org/) ([online archive](https://mail.jabber.org/hyperkitty/list/standards@xmpp.org/)).\n";

        public const string Proposed =
            "The XEP development process starts by writing up an idea and submitting it to the [XMPP Editor](/about/xsf/editor-team/). Within two weeks, the [Council](/about/xmpp-standards-foundation/#council) decides whether to accept this proposal as an Experimental XEP.";

        public const string Deferred =
            "If an experimental XEP is not updated for more than twelve months, it will be moved off Experimental to Deferred. If there is another update, it will put the XEP back onto Experimental.";

        public const string LastCall =
            "Last calls are issued once everyone seems satisfied with the current XEP status. After the [Council](/about/xmpp-standards-foundation/#council) decides whether the XEP seems ready, the [XMPP Editor](/about/xsf/editor-team/) issues a Last Call for comments. The feedback gathered during the Last Call can help improve the XEP before returning it to the Council for advancement to Stable.";

        public const string SpreadTheNews =
            "Please share the news on other networks:\n\n" +
            "- [Mastodon](https://fosstodon.org/@xmpp/)\n" +
            "- [Movim](https://mov.im/community/news.xmpp.org/News)\n" +
            "- [Bluesky](https://bsky.app/profile/xmpp.org)\n" +
            "- [LinkedIn](https://www.linkedin.com/company/xmpp-standards-foundation/)\n" +
            "- [YouTube](https://www.youtube.com/channel/UCf3Kq2ElJDFQhYDdjn18RuA)\n" +
            "- [Lemmy instance (unofficial)](https://slrpnk.net/c/xmpp)\n" +
            "- [Reddit (unofficial)](https://www.reddit.com/r/xmpp/)\n" +
            "- [XMPP Facebook page (unofficial)](https://www.facebook.com/jabber)\n\n" +
            "{{< newsletter-subscribe >}}\n\n" +
            "Also check out our [RSS Feed](/feeds/all.atom.xml)!\n\n" +
            "Looking for job offers or want to hire a professional consultant for your XMPP project? Visit our [XMPP job board](https://xmpp.work/).\n\n";

        public const string Contributors =
            "This is a community effort, and we would like to thank translators for their contributions. Volunteers and more languages are welcome! Translations of the XMPP Newsletter will be released here (with some delay):\n\n" +
            "- Contributors:\n" +
            "  - To [this issue](/categories/newsletter/): <!-- names of this month's contributors -->\n\n" +
            "- Translations:\n" +
            "  - [French](https://linuxfr.org/tags/xmpp/public): *Adrien Bourmault (neox), alkino, anubis, Arkem, Benoît Sibaud, mathieui, nyco, Pierre Jarillon, Ppjet6, Ysabeau*\n" +
            "  - [Italian](/categories/newsletter/): *Mario Sabatino, Roberto Resoli*\n" +
            "  - [Portuguese](/categories/newsletter/): *Paulo*\n\n";

        public const string HelpUs =
            "This XMPP Newsletter is produced collaboratively by the XMPP community. Each month's newsletter issue is drafted in this [simple pad](https://pad.nixnet.services/oHnY_ZvLT8SoFyCqIC2ung). At the end of each month, the pad's content is merged into the [XSF GitHub repository](https://github.com/xsf/xmpp.org/milestone/3). We are always happy to welcome contributors. Do not hesitate to join the discussion in our [Comm-Team group chat (MUC)](xmpp:commteam@muc.xmpp.org?join) and thereby help us sustain this as a community effort. You have a project and want to spread the news? Please consider sharing your news or events here, and promote it to a large audience.\n\n" +
            "Tasks we do on a regular basis:\n\n" +
            "- gathering news in the XMPP universe\n" +
            "- *short* summaries of news and events\n" +
            "- summary of the monthly communication on extensions (XEPs)\n" +
            "- review of the newsletter draft\n" +
            "- preparation of media images\n" +
            "- translations\n" +
            "- communication via media accounts\n\n";

        public const string Unsubscribe =
            "For this newsletter either [log in here](https://mail.jabber.org/accounts/login/?next=/postorius/lists/newsletter.xmpp.org/) and unsubscribe or simply send an email to newsletter-leave@xmpp.org.\n" +
            "(If you have not previously logged in, you may need to set up an account with the appropriate email address.)\n\n";

        public const string License =
            "This newsletter is published under [CC BY-SA license](https://creativecommons.org/licenses/by-sa/4.0/).\n";
    }
}
