namespace DraftPad.Lint;

/// <summary>Applies every safe autofix the linter offers.</summary>
public static class LintFixer
{
    /// <summary>How many lint-and-fix rounds <see cref="FixAll(string, LintOptions?)"/> runs at most.</summary>
    public const int MaxRounds = 10;

    /// <summary>
    /// Lints <paramref name="markdown"/> with <see cref="NewsletterLinter.Default"/>, applies every fix that does
    /// not conflict with an earlier one (by offset), and repeats on the result until no fix is left (at most
    /// <see cref="MaxRounds"/> rounds).
    /// </summary>
    /// <returns>The fixed text and the number of fixes applied.</returns>
    public static (string Text, int Applied) FixAll(string markdown, LintOptions? options = null) =>
        FixAll(NewsletterLinter.Default, markdown, options);

    /// <summary>As <see cref="FixAll(string, LintOptions?)"/> with the rules of <paramref name="linter"/>.</summary>
    public static (string Text, int Applied) FixAll(NewsletterLinter linter, string markdown, LintOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(linter);
        var text = markdown ?? "";
        var applied = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var chosen = new List<TextEdit>();
            var count = 0;
            foreach (var d in linter.Lint(text, options))
            {
                if (d.Fix is null || d.Fix.Edits.Count == 0) continue;
                if (d.Fix.Edits.Any(e => chosen.Any(c => TextEdits.Overlap(c, e)))) continue;
                chosen.AddRange(d.Fix.Edits);
                count++;
            }
            if (count == 0) break;
            text = TextEdits.Apply(text, chosen);
            applied += count;
        }
        return (text, applied);
    }
}
