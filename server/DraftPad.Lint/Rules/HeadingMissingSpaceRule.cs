namespace DraftPad.Lint.Rules;

/// <summary>NL010: <c>###XSF Announcements</c> (no space after the hashes) is rendered as text, not as a heading.</summary>
internal sealed class HeadingMissingSpaceRule() : Rule("NL010", LintSeverity.Error, "heading-missing-space")
{
    public override void Check(LintContext context)
    {
        foreach (var h in context.Headings)
        {
            if (!h.MissingSpace) continue;
            var hashes = new string('#', h.HashCount);
            Report(context, h.Offset, h.Length,
                $"'{hashes}{h.Text}' is not a heading (a space must follow the #s): write '{hashes} {h.Text}'.",
                Edits.Fix("Add the missing space", new TextEdit(h.TextOffset, 0, " ")));
        }
    }
}
