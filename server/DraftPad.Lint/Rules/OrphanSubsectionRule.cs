namespace DraftPad.Lint.Rules;

/// <summary>NL012: a <c>###</c> topic stands before any <c>##</c> section (e.g. announcements without their section heading).</summary>
internal sealed class OrphanSubsectionRule() : Rule("NL012", LintSeverity.Error, "orphan-subsection")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout) return;
        foreach (var h in context.Headings)
        {
            if (h.EffectiveLevel < 3 || h.Parent is not null) continue;
            Report(context, h.Offset, h.Length,
                $"'{h.Text}' stands before any ## section: add the section heading above it (for XSF news: '## XSF Announcements').");
        }
    }
}
