namespace DraftPad.Lint.Rules;

/// <summary>NL052: a line starting with TODO (an editor-only note), to be resolved and removed before export.</summary>
internal sealed class TodoLineRule() : Rule("NL052", LintSeverity.Warning, "todo-line")
{
    public override void Check(LintContext context)
    {
        foreach (var (offset, length) in context.TodoLines)
        {
            Report(context, offset, length, "TODO line: do it and remove the line before export (the export strips it).");
        }
    }
}
