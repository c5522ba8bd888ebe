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
