using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace DraftPad.Lint.Tests;

/// <summary>
/// The linter on the 71 published issues: no rule fails, and the findings are exactly the reviewed ones of
/// docs/lint-corpus.md (each error and warning of the current layout with why it is right; counts for all).
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    private const string UpdateTheDoc =
        "Check each finding against the published file, then update " + CorpusDoc.RelativePath +
        " (an error on an issue from 2024-06 on must be a real defect of the published post; otherwise fix the rule).";

    private static string Key(DateOnly release) => release.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Severity(LintSeverity s) => s switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "info",
    };

    [Fact]
    public void Every_issue_lints_without_a_rule_failure_with_and_without_options()
    {
        var count = 0;
        foreach (var (name, release, text) in Corpus.Issues())
        {
            foreach (var options in new[] { Corpus.OptionsFor(release), null })
            {
                var diagnostics = NewsletterLinter.Default.Lint(text, options);
                var failures = diagnostics.Where(d => d.RuleId == NewsletterLinter.InternalErrorId).ToList();
                Assert.True(failures.Count == 0, $"{name}: {string.Join("; ", failures.Select(f => f.Message))}");
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
    public void The_doc_lists_every_current_layout_issue_and_every_issue_in_its_summary()
    {
        var issues = Corpus.Issues().Select(i => i.Release).ToList();
        var current = issues.Where(Corpus.IsCurrentLayout).Select(Key).ToList();
        Assert.Equal(21, current.Count);
        var findings = CorpusDoc.Findings();
        Assert.Equal(current, findings.Select(f => f.Issue).Distinct());
        foreach (var issue in current)
        {
            var rows = findings.Where(f => f.Issue == issue).ToList();
            Assert.True(rows.All(r => r.RuleId is not null) || rows.Count == 1,
                $"{CorpusDoc.RelativePath}:{rows[0].DocLine}: {issue} has a '— none —' row and findings.");
        }
        Assert.Equal(issues.Select(Key), CorpusDoc.Summaries().Select(s => s.Issue));
        // The summary of an issue of the current layout agrees with its rows.
        foreach (var s in CorpusDoc.Summaries().Where(s => current.Contains(s.Issue)))
        {
            Assert.True(s.Errors == findings.Count(f => f.Issue == s.Issue && f.Severity == "error")
                && s.Warnings == findings.Count(f => f.Issue == s.Issue && f.Severity == "warning"),
                $"{CorpusDoc.RelativePath}:{s.DocLine}: the counts of {s.Issue} disagree with its rows in the first table.");
        }
    }

    [Fact]
    public void Errors_and_warnings_on_current_layout_issues_are_exactly_the_rows_of_the_doc()
    {
        var doc = CorpusDoc.Findings();
        var problems = new StringBuilder();
        foreach (var (name, release, text) in Corpus.Issues().Where(i => Corpus.IsCurrentLayout(i.Release)))
        {
            var key = Key(release);
            var expected = doc.Where(f => f.Issue == key && f.RuleId is not null).ToList();
            foreach (var options in new[] { Corpus.OptionsFor(release), null })
            {
                var actual = NewsletterLinter.Default.Lint(text, options).Where(d => d.Severity != LintSeverity.Info).ToList();
                var unmatched = expected.ToList();
                foreach (var d in actual)
                {
                    var row = unmatched.FirstOrDefault(r => r.RuleId == d.RuleId && r.Severity == Severity(d.Severity) && r.Line == d.Range.Line);
                    if (row is not null)
                    {
                        unmatched.Remove(row);
                        continue;
                    }
                    var snippet = text.Substring(d.Range.Offset, Math.Min(d.Range.Length, 80)).Replace('\n', ' ');
                    problems.Append(CultureInfo.InvariantCulture,
                        $"NEW      {key} {d.RuleId} {Severity(d.Severity)} line {d.Range.Line} (column {d.Range.Column}) [{snippet}] {d.Message}{(options is null ? " (linted without options)" : "")}\n");
                }
                foreach (var r in unmatched)
                {
                    problems.Append(CultureInfo.InvariantCulture,
                        $"VANISHED {key} {r.RuleId} {r.Severity} line {r.Line} ({CorpusDoc.RelativePath}:{r.DocLine}) [{r.Text}]{(options is null ? " (linted without options)" : "")}\n");
                }
            }
        }
        Assert.True(problems.Length == 0, "The errors and warnings on the published issues differ from the reviewed table:\n" + problems + UpdateTheDoc);
    }

    [Fact]
    public void Counts_per_issue_are_those_of_the_summary_table()
    {
        var summaries = CorpusDoc.Summaries().ToDictionary(s => s.Issue);
        var problems = new StringBuilder();
        foreach (var (name, release, text) in Corpus.Issues())
        {
            var key = Key(release);
            var d = NewsletterLinter.Default.Lint(text, Corpus.OptionsFor(release));
            var (errors, warnings, infos) = (d.Count(x => x.Severity == LintSeverity.Error), d.Count(x => x.Severity == LintSeverity.Warning), d.Count(x => x.Severity == LintSeverity.Info));
            if (!summaries.TryGetValue(key, out var s))
            {
                problems.Append(CultureInfo.InvariantCulture, $"{key}: not in the summary table\n");
            }
            else if ((s.Errors, s.Warnings, s.Infos) != (errors, warnings, infos))
            {
                problems.Append(CultureInfo.InvariantCulture,
                    $"{key} ({CorpusDoc.RelativePath}:{s.DocLine}): the doc says {s.Errors} errors, {s.Warnings} warnings, {s.Infos} infos; the linter finds {errors}, {warnings}, {infos}: {string.Join("; ", d.Select(x => $"{x.RuleId} {Severity(x.Severity)} line {x.Range.Line}"))}\n");
            }
        }
        Assert.True(problems.Length == 0, "The findings per issue differ from the summary table:\n" + problems + UpdateTheDoc);
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
