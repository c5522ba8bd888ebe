namespace DraftPad.Lint;

/// <summary>
/// One check. A rule is stateless (the same instance lints many texts, possibly at once): it reads the shared
/// <see cref="LintContext"/> of one text and reports its findings through <see cref="LintContext.Report"/>.
/// </summary>
public interface ILintRule
{
    /// <summary>Stable id, <c>NL</c> and three digits.</summary>
    string Id { get; }

    /// <summary>Severity of every finding of this rule.</summary>
    LintSeverity Severity { get; }

    /// <summary>Short kebab-case name, e.g. <c>heading-missing-space</c>.</summary>
    string Title { get; }

    /// <summary>Checks the text of <paramref name="context"/> and reports findings to it.</summary>
    void Check(LintContext context);
}
