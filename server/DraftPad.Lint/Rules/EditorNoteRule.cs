namespace DraftPad.Lint.Rules;

/// <summary>NL050: an editor-only note (HTML comment), to be resolved and removed before export.</summary>
internal sealed class EditorNoteRule() : Rule("NL050", LintSeverity.Warning, "editor-note")
{
    public override void Check(LintContext context)
    {
        foreach (var c in context.Comments)
        {
            if (!c.Closed) continue;
            Report(context, c.Offset, c.Length, "Editor-only note: act on it and remove it before export (the export strips it).");
        }
    }
}
