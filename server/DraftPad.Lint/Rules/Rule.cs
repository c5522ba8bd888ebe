namespace DraftPad.Lint.Rules;

/// <summary>Base of the built-in rules: id, severity, title, and a shorthand to report.</summary>
internal abstract class Rule(string id, LintSeverity severity, string title) : ILintRule
{
    public string Id { get; } = id;

    public LintSeverity Severity { get; } = severity;

    public string Title { get; } = title;

    public abstract void Check(LintContext context);

    protected void Report(LintContext context, int offset, int length, string message, LintFix? fix = null) =>
        context.Report(this, offset, length, message, fix);
}
