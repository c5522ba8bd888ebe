using System.Text;
using Xunit.Abstractions;

namespace DraftPad.Lint.Tests;

/// <summary>The linter on the 71 published issues: no exception, and the findings (printed) are reviewed by hand.</summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_issue_lints_without_exceptions_with_and_without_options()
    {
        var count = 0;
        foreach (var (name, release, text) in Corpus.Issues())
        {
            foreach (var options in new[] { Corpus.OptionsFor(release), null })
            {
                var diagnostics = NewsletterLinter.Default.Lint(text, options);
                Assert.DoesNotContain(diagnostics, d => d.RuleId == NewsletterLinter.InternalErrorId);
                foreach (var d in diagnostics)
                {
                    Assert.InRange(d.Range.Offset, 0, text.Length);
                    Assert.InRange(d.Range.Offset + d.Range.Length, d.Range.Offset, text.Length);
                }
            }
            count++;
        }
        Assert.Equal(71, count);
    }

    /// <summary>
    /// The errors on the issues of the current layout, reviewed by hand: each is a real defect of the published
    /// post (see the spec's list of irregularities). Any other error is a false alarm.
    /// </summary>
    private static readonly Dictionary<string, string[]> KnownErrors = new()
    {
        // "### XMPP and Google Summer of Code 2024" and "### XSF Fiscal Hosting Projects" with no "## XSF Announcements" above.
        ["2024-06-05"] = ["NL012 12", "NL012 24"],
        ["2024-07-05"] = ["NL012 12", "NL012 26"],
        // "### XSF Announcements": the section at level 3, like its own topics.
        ["2024-09-05"] = ["NL011 12"],
    };

    [Fact]
    public void Errors_on_current_layout_issues_are_exactly_the_reviewed_defects()
    {
        foreach (var (name, release, text) in Corpus.Issues().Where(i => Corpus.IsCurrentLayout(i.Release)))
        {
            var key = release.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var expected = KnownErrors.GetValueOrDefault(key, []);
            foreach (var options in new[] { Corpus.OptionsFor(release), null })
            {
                var errors = NewsletterLinter.Default.Lint(text, options)
                    .Where(d => d.Severity == LintSeverity.Error).Select(d => $"{d.RuleId} {d.Range.Line}").ToArray();
                Assert.True(expected.SequenceEqual(errors), $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", errors)}]");
            }
        }
    }

    [Fact]
    public void Findings_are_printed_for_review()
    {
        var report = new StringBuilder();
        foreach (var (name, release, text) in Corpus.Issues())
        {
            var diagnostics = NewsletterLinter.Default.Lint(text, Corpus.OptionsFor(release));
            report.Append("== ").Append(name).Append(Corpus.IsCurrentLayout(release) ? " (current layout)" : "").Append('\n');
            foreach (var d in diagnostics)
            {
                var snippet = text.Substring(d.Range.Offset, Math.Min(d.Range.Length, 70)).Replace('\n', ' ');
                report.Append($"  {d.RuleId} {d.Severity,-7} {d.Range.Line}:{d.Range.Column} [{snippet}] {d.Message}\n");
            }
        }
        var path = Path.Combine(Path.GetTempPath(), "draftpad-lint-corpus.txt");
        File.WriteAllText(path, report.ToString());
        output.WriteLine("Findings written to " + path);
    }
}
