using System.Globalization;
using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL003: the front matter date is a date (YYYY-MM-DD) after the end of the covered month.</summary>
internal sealed class DateRule() : Rule("NL003", LintSeverity.Error, "date")
{
    public override void Check(LintContext context)
    {
        var fm = context.FrontMatter;
        if (fm is null || fm.Error is not null || fm.NotAMapping) return;
        var date = fm["date"];
        if (date is null)
        {
            Report(context, 0, context.Lines.LineEnd(0), "The front matter has no date: add 'date: YYYY-MM-DD' (the release date).");
            return;
        }
        if (context.FrontMatterDate is not DateOnly d)
        {
            Report(context, date.ValueOffset, date.ValueLength, $"The date '{date.Scalar}' is not a date: write it as YYYY-MM-DD.");
            return;
        }
        if (context.CoveredMonths.Count > 0 && context.CoveredMonths[^1].Year < 9999)
        {
            var monthEnd = context.CoveredMonths[^1].AddMonths(1);
            if (d < monthEnd)
            {
                Report(context, date.ValueOffset, date.ValueLength,
                    $"The date {d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is before the end of the covered month ({CoveredPeriod.Format(context.CoveredMonths)}): set the release date.");
            }
        }
    }
}
