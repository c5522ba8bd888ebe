using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL006: since the 2025-11 release the front matter carries a written summary "In this issue: ...".</summary>
internal sealed class SummaryRule() : Rule("NL006", LintSeverity.Warning, "summary")
{
    public override void Check(LintContext context)
    {
        var fm = context.FrontMatter;
        if (fm is null || fm.Error is not null || fm.NotAMapping) return;
        if (context.ReleaseDate is DateOnly r && r < NewsletterLayout.SummaryFrom) return;
        var summary = fm["summary"];
        if (summary is null)
        {
            Report(context, 0, context.Lines.LineEnd(0), "The front matter has no summary: add 'summary: \"In this issue: ...\"' naming the highlights.");
            return;
        }
        var text = (summary.Scalar ?? "").Trim();
        if (text.StartsWith("In this issue:", StringComparison.OrdinalIgnoreCase)) text = text["In this issue:".Length..].Trim();
        if (text.Length == 0 || text is "..." or "…")
        {
            Report(context, summary.ValueOffset, summary.ValueLength, "The summary is empty: write the highlights after 'In this issue:'.");
        }
    }
}
