using DraftPad.Lint.Analysis;

namespace DraftPad.Lint.Rules;

/// <summary>NL013: a section (or a subsection of a section with fixed subsections) that the layout does not know.</summary>
internal sealed class UnknownSectionRule() : Rule("NL013", LintSeverity.Warning, "unknown-section")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout) return;
        foreach (var h in context.Headings)
        {
            if (h.MissingSpace || SectionNameTypoRule.NearMiss(h) is not null) continue;
            if (h.Level == 2 && h.Section is null && !h.IsKnownSubsection)
            {
                Report(context, h.Offset, h.Length,
                    $"'## {h.Text}' is not a section of the newsletter layout: check its name, or make it a ### topic of a section.");
            }
            else if (h.EffectiveLevel == 3 && !h.IsKnownSubsection && h.Parent?.Section is SectionDef parent && parent.Subsections.Length > 0)
            {
                Report(context, h.Offset, h.Length,
                    $"'### {h.Text}' is not a subsection of '{parent.Canonical}' (expected: {string.Join(", ", parent.Subsections)}).");
            }
        }
    }
}
