using System.Text.Json;
using DraftPad.Lint;
using DraftPad.Testing;

namespace DraftPad.Cli.Tests;

/// <summary><c>draftpad lint</c>: formats, exit codes, fixes, usage errors.</summary>
public sealed class LintCommandTests
{
    private static string Skeleton => NewsletterSkeleton.Create(2026, 11);

    /// <summary>The skeleton with its "## XSF Announcements" heading glued to its hashes: CommonMark renders that as text.</summary>
    private static string Broken => Skeleton.Replace("## XSF Announcements", "##XSF Announcements", StringComparison.Ordinal);

    [Fact]
    public async Task A_clean_draft_exits_0_and_says_so()
    {
        using var dir = new TempFolder();
        var file = dir.File("draft.md", Skeleton);
        var run = await CliRun.RunAsync(["lint", file]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{file}: 0 error(s)", run.Out);
    }

    [Fact]
    public async Task Errors_exit_1_with_file_line_and_column()
    {
        using var dir = new TempFolder();
        var file = dir.File("draft.md", Broken);
        var run = await CliRun.RunAsync(["lint", file]);
        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Broken[..Broken.IndexOf("##XSF", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.Contains($"{file}:{line}:1: error ", run.Out);
    }

    [Fact]
    public async Task Json_output_matches_the_library()
    {
        var run = await CliRun.RunAsync(["lint", "-", "--format", "json"], Broken);
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var expected = NewsletterLinter.Default.Lint(Broken);
        var items = json.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(expected.Count, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(expected[i].RuleId, items[i].GetProperty("id").GetString());
            Assert.Equal(expected[i].Range.Offset, items[i].GetProperty("offset").GetInt32());
            Assert.Equal(expected[i].Range.Line, items[i].GetProperty("line").GetInt32());
        }
        Assert.Equal(expected.Count(d => d.Severity == LintSeverity.Error), json.RootElement.GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task Sarif_output_describes_every_rule_and_locates_every_result()
    {
        var run = await CliRun.RunAsync(["lint", "-", "--format=sarif"], Broken);
        using var sarif = JsonDocument.Parse(run.Out);
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        var runElement = sarif.RootElement.GetProperty("runs")[0];
        var rules = runElement.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(NewsletterLinter.Default.Rules.Select(r => r.Id), rules);
        var results = runElement.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            var id = result.GetProperty("ruleId").GetString();
            Assert.Equal(id, rules[result.GetProperty("ruleIndex").GetInt32()]);
            Assert.True(result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
        }
        Assert.Contains(results, r => r.GetProperty("level").GetString() == "error");
    }

    [Fact]
    public async Task Fix_rewrites_the_file_and_the_error_is_gone()
    {
        using var dir = new TempFolder();
        var file = dir.File("draft.md", Broken);
        var run = await CliRun.RunAsync(["lint", file, "--fix"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("fix(es) applied", run.Error);
        var fixedText = File.ReadAllText(file);
        Assert.Contains("## XSF Announcements", fixedText);
        Assert.DoesNotContain(NewsletterLinter.Default.Lint(fixedText), d => d.Severity == LintSeverity.Error);
    }

    [Fact]
    public async Task Fix_from_stdin_writes_the_text_to_stdout_and_findings_to_stderr()
    {
        var run = await CliRun.RunAsync(["lint", "--fix"], Broken);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(LintFixer.FixAll(Broken).Text, run.Out);
        Assert.Contains("<stdin>: 0 error(s)", run.Error);
    }

    [Fact]
    public async Task Month_option_applies_when_there_is_no_front_matter()
    {
        // Without front matter the welcome sentence is checked against --month.
        var body = Skeleton[(Skeleton.IndexOf("\n---\n", 4, StringComparison.Ordinal) + 5)..];
        var right = await CliRun.RunAsync(["lint", "-", "--month", "2026-11", "--format", "json"], body);
        var wrong = await CliRun.RunAsync(["lint", "-", "--month", "2026-03", "--format", "json"], body);
        int Count(CliRun r) => JsonDocument.Parse(r.Out).RootElement.GetProperty("diagnostics").GetArrayLength();
        Assert.True(Count(wrong) > Count(right), $"right:\n{right}\nwrong:\n{wrong}");
    }

    [Theory]
    [InlineData(new[] { "lint", "--format", "xml" }, "Unknown --format 'xml'")]
    [InlineData(new[] { "lint", "--month", "2026-13" }, "is not a month written YYYY-MM")]
    [InlineData(new[] { "lint", "--bogus" }, "Unknown option --bogus")]
    [InlineData(new[] { "lint", "a.md", "b.md" }, "lint takes one FILE")]
    [InlineData(new[] { "lint", "/nonexistent/draft.md" }, "No such file: /nonexistent/draft.md")]
    [InlineData(new[] { "frobnicate" }, "Unknown command 'frobnicate'")]
    public async Task Usage_and_io_problems_exit_2_with_one_clear_line(string[] args, string message)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Every_published_issue_lints_through_the_cli_without_a_usage_error()
    {
        var corpus = Path.Combine(SharedData.Root, "corpus", "newsletters");
        foreach (var file in Directory.EnumerateFiles(corpus, "content__*.md"))
        {
            var run = await CliRun.RunAsync(["lint", file, "--format", "json"]);
            Assert.True(run.ExitCode is 0 or 1, $"{file}: {run}");
            using var _ = JsonDocument.Parse(run.Out);
        }
    }
}
