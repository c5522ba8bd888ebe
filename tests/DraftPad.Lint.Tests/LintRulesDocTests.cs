using DraftPad.Testing;

namespace DraftPad.Lint.Tests;

/// <summary>docs/lint-rules.md against the rules: one section per rule, and its examples hold.</summary>
public sealed class LintRulesDocTests
{
    /// <summary>How the documentation's examples are linted (stated in the doc's intro).</summary>
    internal static readonly LintOptions ExampleOptions = new() { Year = 2026, Month = 1, ReleaseDate = new DateOnly(2026, 2, 5) };

    internal sealed record RuleDoc(string Id, string Name, string Severity, string Autofix, string? Violation, string? Fixed, int ViolationCount, int FixedCount);

    internal static List<RuleDoc> ReadDoc()
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "docs", "lint-rules.md");
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var docs = new List<RuleDoc>();
        string? id = null, name = null, severity = null, autofix = null, violation = null, fixedText = null;
        int violations = 0, fixes = 0;
        void Flush()
        {
            if (id is not null) docs.Add(new RuleDoc(id, name!, severity ?? "", autofix ?? "", violation, fixedText, violations, fixes));
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                var info = line[3..].Trim();
                var body = new List<string>();
                for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++) body.Add(lines[i]);
                var content = string.Join('\n', body) + "\n";
                if (info == "markdown violation") { violation = content; violations++; }
                else if (info == "markdown fixed") { fixedText = content; fixes++; }
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                id = null;
                var parts = line[3..].Split(' ', 2);
                if (parts[0].StartsWith("NL", StringComparison.Ordinal) && parts.Length == 2)
                {
                    (id, name, severity, autofix, violation, fixedText, violations, fixes) = (parts[0], parts[1].Trim(), null, null, null, null, 0, 0);
                }
                continue;
            }
            if (id is not null && line.StartsWith("Severity: ", StringComparison.Ordinal))
            {
                var fields = line.Split(". Autofix: ", 2);
                severity = fields[0]["Severity: ".Length..].Trim();
                autofix = fields.Length > 1 ? fields[1].TrimEnd('.') : "";
            }
        }
        Flush();
        return docs;
    }

    public static TheoryData<string> RuleIds() => [.. NewsletterLinter.Default.Rules.Select(r => r.Id)];

    [Fact]
    public void Every_rule_has_a_section_and_every_section_a_rule()
    {
        var documented = ReadDoc().Select(d => d.Id).ToList();
        var rules = NewsletterLinter.Default.Rules.Select(r => r.Id).ToList();
        Assert.Equal(documented.Distinct().Count(), documented.Count);
        Assert.Equal(rules.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rule_ids_are_unique_and_well_formed()
    {
        var ids = NewsletterLinter.Default.Rules.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^NL[0-9]{3}$", id));
        Assert.All(NewsletterLinter.Default.Rules, r => Assert.Matches("^[a-z]+(-[a-z]+)*$", r.Title));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void The_section_names_the_rule_with_its_severity(string id)
    {
        var rule = NewsletterLinter.Default.Rules.Single(r => r.Id == id);
        var doc = ReadDoc().Single(d => d.Id == id);
        Assert.Equal(rule.Title, doc.Name);
        Assert.Equal(rule.Severity.ToString().ToLowerInvariant(), doc.Severity);
        Assert.Equal(1, doc.ViolationCount);
        Assert.Equal(1, doc.FixedCount);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void The_violation_is_reported_and_the_fixed_example_is_not(string id)
    {
        var doc = ReadDoc().Single(d => d.Id == id);
        var found = NewsletterLinter.Default.LintWithRule(id, doc.Violation!, ExampleOptions);
        Assert.NotEmpty(found);
        Assert.All(found, d => Assert.Equal(id, d.RuleId));
        Assert.Empty(NewsletterLinter.Default.LintWithRule(id, doc.Fixed!, ExampleOptions));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void The_autofix_turns_the_violation_into_the_fixed_example(string id)
    {
        var doc = ReadDoc().Single(d => d.Id == id);
        var found = NewsletterLinter.Default.LintWithRule(id, doc.Violation!, ExampleOptions);
        var fixes = found.Where(d => d.Fix is not null).ToList();
        var documentedFix = doc.Autofix.StartsWith("yes", StringComparison.Ordinal);
        Assert.Equal(documentedFix, fixes.Count > 0);
        if (!documentedFix) return;
        var result = TextEdits.Apply(doc.Violation!, fixes.SelectMany(d => d.Fix!.Edits));
        Assert.Equal(doc.Fixed, result);
    }
}
