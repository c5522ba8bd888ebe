namespace DraftPad.Lint.Rules;

/// <summary>NL016: the layout's sections appear in the layout's order.</summary>
internal sealed class SectionOrderRule() : Rule("NL016", LintSeverity.Error, "section-order")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout) return;
        Analysis.HeadingInfo? max = null;
        foreach (var h in context.Headings)
        {
            if (h.Section is not { Rank: > 0 } def) continue;
            if (max?.Section is { } maxDef && def.Rank < maxDef.Rank)
            {
                Report(context, h.Offset, h.Length, $"'{h.Text}' must come before '{max.Text}': move the section up.");
                continue;
            }
            max = h;
        }
    }
}
