namespace DraftPad.Lint.Tests;

/// <summary>A new month's pad, as the server creates it, against the linter.</summary>
public sealed class SkeletonLintTests
{
    private static readonly LintOptions November2026 = new() { Year = 2026, Month = 11, ReleaseDate = new DateOnly(2026, 12, 5) };

    [Fact]
    public void The_skeleton_has_no_errors_only_its_editor_notes_and_the_empty_summary()
    {
        var text = NewsletterSkeleton.Create(2026, 11);
        var diagnostics = NewsletterLinter.Default.Lint(text, November2026);
        Assert.DoesNotContain(diagnostics, d => d.Severity == LintSeverity.Error);
        // Documented in docs/lint-rules.md: the summary is to be written (NL006), the editor notes to be removed (NL050).
        Assert.Equal(["NL006", "NL050"], diagnostics.Select(d => d.RuleId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(text.Split("<!--").Length - 1, diagnostics.Count(d => d.RuleId == "NL050"));
        Assert.Single(diagnostics, d => d.RuleId == "NL006");
    }

    [Fact]
    public void The_skeleton_lints_the_same_without_options()
    {
        var text = NewsletterSkeleton.Create(2026, 11);
        Assert.Equal(NewsletterLinter.Default.Lint(text, November2026), NewsletterLinter.Default.Lint(text));
    }

    [Fact]
    public void The_stripped_skeleton_keeps_only_the_summary_warning()
    {
        var stripped = EditorNotes.Strip(NewsletterSkeleton.Create(2026, 11));
        Assert.DoesNotContain("<!--", stripped, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", stripped, StringComparison.Ordinal);
        var diagnostics = NewsletterLinter.Default.Lint(stripped, November2026);
        Assert.Equal(["NL006"], diagnostics.Select(d => d.RuleId));
    }

    [Fact]
    public void Fix_all_leaves_the_skeleton_unchanged()
    {
        var text = NewsletterSkeleton.Create(2026, 11);
        var (fixedText, applied) = LintFixer.FixAll(text, November2026);
        Assert.Equal(0, applied);
        Assert.Equal(text, fixedText);
    }
}
