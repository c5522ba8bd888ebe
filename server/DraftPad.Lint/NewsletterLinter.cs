using DraftPad.Lint.Rules;

namespace DraftPad.Lint;

/// <summary>Lints a newsletter draft (markdown with YAML front matter) with a set of rules.</summary>
public sealed class NewsletterLinter
{
    /// <summary>Creates a linter running <paramref name="rules"/> in the given order.</summary>
    public NewsletterLinter(IEnumerable<ILintRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
    }

    /// <summary>The linter with all built-in rules (see docs/lint-rules.md).</summary>
    public static NewsletterLinter Default { get; } = new(BuiltInRules.Create());

    /// <summary>The rules, in the order they run.</summary>
    public IReadOnlyList<ILintRule> Rules { get; }

    /// <summary>Id of the finding reported when a rule fails unexpectedly (a bug of the linter, never of the text).</summary>
    public const string InternalErrorId = "NL000";

    /// <summary>
    /// Lints <paramref name="markdown"/>: parses it once and runs every rule on the shared context.
    /// Never throws: a rule that fails is reported as an <see cref="InternalErrorId"/> warning.
    /// </summary>
    /// <returns>Findings sorted by offset (then length, then rule id).</returns>
    public IReadOnlyList<LintDiagnostic> Lint(string markdown, LintOptions? options = null)
    {
        var text = markdown ?? "";
        var sink = new List<LintDiagnostic>();
        LintContext context;
        try
        {
            context = new LintContext(text, options ?? new LintOptions(), sink);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [new LintDiagnostic(InternalErrorId, LintSeverity.Warning, "The linter could not parse this text: " + e.Message, new SourceRange(0, 0, 1, 1))];
        }
        foreach (var rule in Rules)
        {
            try
            {
                rule.Check(context);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                sink.Add(new LintDiagnostic(InternalErrorId, LintSeverity.Warning, $"Rule {rule.Id} failed on this text: {e.Message}", new SourceRange(0, 0, 1, 1)));
            }
        }
        // Stable: findings at one place keep the order the rules reported them in.
        return [.. sink.Select((d, i) => (d, i)).OrderBy(x => x.d.Range.Offset).ThenBy(x => x.d.Range.Length)
            .ThenBy(x => x.d.RuleId, StringComparer.Ordinal).ThenBy(x => x.i).Select(x => x.d)];
    }

    /// <summary>Lints with only the rule of id <paramref name="ruleId"/> (for documentation examples and tests).</summary>
    public IReadOnlyList<LintDiagnostic> LintWithRule(string ruleId, string markdown, LintOptions? options = null) =>
        new NewsletterLinter(Rules.Where(r => r.Id == ruleId)).Lint(markdown, options);
}
