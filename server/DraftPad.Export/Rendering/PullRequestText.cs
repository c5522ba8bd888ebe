using System.Globalization;
using System.Text;

namespace DraftPad.Export.Rendering;

/// <summary>Title and body of the newsletter pull request, in the spirit of the site's newsletter PR template.</summary>
public static class PullRequestText
{
    /// <summary>"Draft: The XMPP Newsletter November 2026" (phase: Draft, Review, EDITORIAL CLOSING).</summary>
    public static string Title(ExportRequest request) =>
        $"{PhaseName(request.Phase)}: The XMPP Newsletter {PostRenderer.MonthName(request.Year, request.Month)}";

    /// <summary>The phase as the title writes it.</summary>
    public static string PhaseName(ExportPhase phase) => phase switch
    {
        ExportPhase.Review => "Review",
        ExportPhase.EditorialClosing => "EDITORIAL CLOSING",
        _ => "Draft",
    };

    /// <summary>
    /// The body: covered month, release date, pad state, timeline, how to help, status checklist,
    /// lint summary, contributors. Deterministic (no times, no commit ids), so an unchanged export
    /// leaves the pull request untouched.
    /// </summary>
    public static string Body(ExportRequest request)
    {
        var month = PostRenderer.MonthName(request.Year, request.Month);
        var release = request.ReleaseDate;
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = new StringBuilder();
        body.Append("## The XMPP Newsletter ").Append(month).Append("\n\n");
        body.Append("- Covered month: **").Append(month).Append("**\n");
        body.Append("- Planned release date: **").Append(D(release)).Append("**\n");
        body.Append("- Post: `").Append(PostLayout.PostPath(release)).Append("`\n");
        body.Append(request.Phase == ExportPhase.Draft
            ? "- The pad is still open for " + month + ": this pull request follows it.\n"
            : "- Pad is closed for " + month + "!\n");
        body.Append("\n### Timeline\n\n| When | What |\n| --- | --- |\n");
        body.Append("| during ").Append(month).Append(" | collect news in the pad |\n");
        body.Append("| ").Append(D(release.AddDays(-4))).Append(" to ").Append(D(release.AddDays(-3))).Append(" | last call for edits |\n");
        body.Append("| ").Append(D(release.AddDays(-2))).Append(" to ").Append(D(release)).Append(" | review and translations |\n");
        body.Append("| ").Append(D(release)).Append(" | release |\n");
        body.Append("\n### How to contribute\n\n");
        body.Append("Suggest changes on this pull request, or edit the pad while it is open. DraftPad updates this branch on every export ");
        body.Append("and never overwrites commits made here by others: it stops and reports them instead.\n");
        body.Append("\n### Status\n\n");
        body.Append("- [x] Collection of news\n");
        body.Append(request.Phase >= ExportPhase.EditorialClosing ? "- [x] Review\n" : "- [ ] Review\n");
        body.Append("- [ ] Blog post and mail\n- [ ] Social media\n- [ ] Translations\n");
        body.Append("\n### Lint\n\n");
        if (request.LintWarnings.Count == 0)
        {
            body.Append("The DraftPad linter reports no warnings.\n");
        }
        else
        {
            body.Append("The DraftPad linter reports ").Append(request.LintWarnings.Count).Append(request.LintWarnings.Count == 1 ? " warning" : " warnings").Append(":\n\n");
            foreach (var warning in request.LintWarnings) body.Append("- ").Append(warning).Append('\n');
        }
        if (request.Contributors.Count > 0)
        {
            body.Append("\n### Contributors\n\nThank you, ").Append(string.Join(", ", request.Contributors)).Append("!\n");
        }
        return body.ToString();
    }
}
