using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL060: the welcome paragraph says "This issue covers the month of &lt;Month YYYY&gt;." naming the covered month.</summary>
internal sealed class WelcomeMonthRule() : Rule("NL060", LintSeverity.Error, "welcome-month")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout || context.CoveredMonths.Count == 0) return;
        var period = CoveredPeriod.Format(context.CoveredMonths);
        if (context.Welcome is not { } w)
        {
            var at = Math.Min(context.BodyStart, context.Text.Length);
            Report(context, at, 0, $"The welcome paragraph lacks 'This issue covers the month of {period}.': add it after the banner.");
            return;
        }
        if (w.Months is null)
        {
            var line = context.Lines.LineIndexOf(w.Offset);
            Report(context, w.Offset, context.Lines.LineEnd(line) - w.Offset, $"The welcome sentence must name the month: 'This issue covers the month of {period}.'");
            return;
        }
        if (w.Months.SequenceEqual(context.CoveredMonths)) return;
        Report(context, w.Offset, w.Length, $"The welcome sentence names {CoveredPeriod.Format(w.Months)}, but this issue covers {period}: write '{period}'.",
            Edits.Fix($"Write '{period}'", new TextEdit(w.Offset, w.Length, period)));
    }
}
