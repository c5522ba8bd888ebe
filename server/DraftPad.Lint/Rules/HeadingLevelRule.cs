namespace DraftPad.Lint.Rules;

/// <summary>NL011: sections are level 2 (<c>##</c>), their known subsections level 3 (<c>###</c>); level 1 is the post title's.</summary>
internal sealed class HeadingLevelRule() : Rule("NL011", LintSeverity.Error, "heading-level")
{
    public override void Check(LintContext context)
    {
        if (!context.IsCurrentLayout) return;
        foreach (var h in context.Headings)
        {
            if (h.MissingSpace) continue;
            int expected;
            string what;
            if (h.Section is not null) { expected = 2; what = "a section"; }
            else if (h.IsKnownSubsection) { expected = 3; what = $"a subsection of '{h.Parent?.Text}'"; }
            else if (h.Level == 1) { expected = 0; what = ""; }
            else continue;
            if (h.Level == expected) continue;
            if (expected == 0)
            {
                Report(context, h.Offset, h.Length, $"'{h.Text}' is a level-1 heading, which is reserved for the post title: use ## for a section or ### for a topic.");
                continue;
            }
            var hashes = new string('#', expected);
            var fix = h.IsSetext ? null : Edits.Fix($"Make it a level-{expected} heading", new TextEdit(h.HashOffset, h.HashCount, hashes));
            Report(context, h.Offset, h.Length, $"'{h.Text}' is {what}: write it as '{hashes} {h.Text}' (level {expected}, not {h.Level}).", fix);
        }
    }
}
