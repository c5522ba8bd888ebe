using System.Globalization;

namespace DraftPad.Lint.Rules;

/// <summary>NL004: the front matter date differs from the planned release date (allowed when the release slipped).</summary>
internal sealed class PlannedDateRule() : Rule("NL004", LintSeverity.Info, "date-not-planned")
{
    public override void Check(LintContext context)
    {
        if (context.Options.ReleaseDate is not DateOnly planned || context.FrontMatterDate is not DateOnly d || d == planned) return;
        var date = context.FrontMatter?["date"];
        if (date is null) return;
        Report(context, date.ValueOffset, date.ValueLength,
            $"The date {d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} differs from the planned release date {planned.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: keep it only if the release moved.");
    }
}
