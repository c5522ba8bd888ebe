using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL002: the title reads "The XMPP Newsletter &lt;Month YYYY&gt;" and names the covered month (current layout).</summary>
internal sealed class TitleRule() : Rule("NL002", LintSeverity.Error, "title")
{
    public override void Check(LintContext context)
    {
        var fm = context.FrontMatter;
        if (fm is null || fm.Error is not null || fm.NotAMapping || !context.IsCurrentLayout) return;
        var title = fm["title"];
        var expected = context.CoveredMonths.Count > 0 ? "The XMPP Newsletter " + CoveredPeriod.Format(context.CoveredMonths) : null;
        if (title is null)
        {
            Report(context, 0, context.Lines.LineEnd(0), expected is null
                ? "The front matter has no title: add 'title: The XMPP Newsletter <Month YYYY>'."
                : $"The front matter has no title: add 'title: {expected}'.");
            return;
        }
        var fix = expected is not null && context.CoveredFromOptions
            ? Edits.Fix("Set the title", new TextEdit(title.ValueOffset, title.ValueLength, expected))
            : null;
        if (context.TitleMonths is null)
        {
            Report(context, title.ValueOffset, title.ValueLength, expected is null
                ? "The title must read 'The XMPP Newsletter <Month YYYY>' (or '<Month> & <Month> <YYYY>')."
                : $"The title must read '{expected}'.", fix);
            return;
        }
        if (context.CoveredFromOptions && !context.TitleMonths.SequenceEqual(context.CoveredMonths))
        {
            Report(context, title.ValueOffset, title.ValueLength,
                $"The title names {CoveredPeriod.Format(context.TitleMonths)}, but this issue covers {CoveredPeriod.Format(context.CoveredMonths)}: write '{expected}'.", fix);
        }
    }
}
