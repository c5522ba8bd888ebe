using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace DraftPad.Lint.Tests.Mutation;

/// <summary>The texts the mutation tests damage: the skeleton of a new pad and the clean issues of the current layout.</summary>
internal static partial class MutationBases
{
    public const string SkeletonName = "skeleton 2026-11";

    [GeneratedRegex(@"^title: The XMPP Newsletter (?<month>[A-Z][a-z]+) (?<year>\d{4})\s*$", RegexOptions.Multiline)]
    private static partial Regex Title();

    private static readonly Lazy<List<MutationBase>> Bases = new(Load);

    /// <summary>The skeleton first, then the issues by release date.</summary>
    public static IReadOnlyList<MutationBase> All => Bases.Value;

    private static List<MutationBase> Load()
    {
        var list = new List<MutationBase>
        {
            new(SkeletonName, NewsletterSkeleton.Create(2026, 11), new LintOptions { Year = 2026, Month = 11, ReleaseDate = new DateOnly(2026, 12, 5) }),
        };
        // Clean: the issues of the current layout without an error in docs/lint-corpus.md.
        var withErrors = CorpusDoc.Findings().Where(f => f.Severity == "error").Select(f => f.Issue).ToHashSet();
        foreach (var (name, release, text) in Corpus.Issues().Where(i => Corpus.IsCurrentLayout(i.Release)))
        {
            if (withErrors.Contains(release.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) continue;
            // Linted as its pad would be: the month of its title, the planned release date of its file name.
            var m = Title().Match(text);
            if (!m.Success) throw new InvalidOperationException(name + ": no single-month title");
            var month = DateTime.ParseExact(m.Groups["month"].Value, "MMMM", CultureInfo.InvariantCulture).Month;
            var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
            list.Add(new(name, text, new LintOptions { Year = year, Month = month, ReleaseDate = release }));
        }
        return list;
    }
}

/// <summary>
/// Mutation tests: generated defects (a section dropped, swapped, renamed or glued to its hashes, a placeholder next
/// to entries, a wrong XEP number, a broken or unknown shortcode, a wrong month, ...) applied one at a time to clean
/// texts are each reported by the intended rule, at the mutated spot, and were not reported before; where the
/// finding has an autofix, applying it resolves the finding (and restores the text where the fix is exact).
/// Seeded: the seed is printed and named in every failure; <c>DRAFTPAD_SEED=&lt;n&gt;</c> replays a run.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    /// <summary>The seed when DRAFTPAD_SEED is not set.</summary>
    public const int DefaultSeed = 20261123;

    /// <summary>Random instances of each mutation per run.</summary>
    public const int Instances = 8;

    private static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("DRAFTPAD_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;

    public static TheoryData<string> MutationNames()
    {
        var data = new TheoryData<string>();
        foreach (var m in Mutators.All) data.Add(m.Name);
        return data;
    }

    /// <summary>FNV-1a: a hash of the mutation's name that is the same in every process (unlike string.GetHashCode).</summary>
    private static int StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return unchecked((int)h);
    }

    [Fact]
    public void The_texts_to_mutate_are_clean()
    {
        output.WriteLine($"seed {Seed} (DRAFTPAD_SEED replays a run)");
        var bases = MutationBases.All;
        Assert.Equal(MutationBases.SkeletonName, bases[0].Name);
        Assert.True(bases.Count >= 19, $"only {bases.Count} texts to mutate");
        foreach (var b in bases)
        {
            var errors = NewsletterLinter.Default.Lint(b.Text, b.Options).Where(d => d.Severity == LintSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{b.Name} is not clean: {string.Join("; ", errors.Select(e => $"{e.RuleId} line {e.Range.Line}"))}");
        }
    }

    [Theory]
    [MemberData(nameof(MutationNames))]
    public void A_generated_defect_is_reported_by_its_rule_at_the_mutated_spot(string mutation)
    {
        var seed = Seed;
        var mutator = Mutators.All.Single(m => m.Name == mutation);
        output.WriteLine($"seed {seed} (DRAFTPAD_SEED={seed} replays this run), mutation {mutation}, rule {mutator.RuleId}");
        var rng = new Random(unchecked(seed * 31 + StableHash(mutation)));
        var bases = MutationBases.All;
        for (var i = 0; i < Instances; i++)
        {
            // The first instance damages the skeleton when the mutation applies to it; the others a random issue.
            var order = bases.Skip(1).OrderBy(_ => rng.Next()).ToList();
            if (i == 0) order.Insert(0, bases[0]);
            else order.Insert(rng.Next(order.Count + 1), bases[0]);
            MutationBase? chosen = null;
            Mutation? m = null;
            foreach (var b in order)
            {
                m = mutator.Apply(b, new MutationDoc(b.Text), rng);
                if (m is null) continue;
                chosen = b;
                break;
            }
            Assert.True(m is not null && chosen is not null, $"[seed {seed}, {mutation}] the mutation applies to none of the {bases.Count} texts");
            var crlf = rng.Next(4) == 0;
            var context = $"[seed {seed}, {mutation} #{i + 1}, {chosen.Name}{(crlf ? ", CRLF line ends" : "")}] {m.Description}";
            output.WriteLine(context);
            Check(context, seed, mutator, chosen, m, crlf);
        }
    }

    private static string Crlf(string text) => text.Replace("\n", "\r\n", StringComparison.Ordinal);

    private static string Lf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static (int Line, int Column) Position(string text, int offset)
    {
        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        return (text[..offset].Count(c => c == '\n') + 1, offset - lineStart + 1);
    }

    private static string Show(string text, IEnumerable<LintDiagnostic> findings)
    {
        var sb = new StringBuilder();
        foreach (var d in findings)
        {
            var snippet = text.Substring(d.Range.Offset, Math.Min(d.Range.Length, 60)).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            sb.Append(CultureInfo.InvariantCulture, $"\n    {d.RuleId} {d.Range.Line}:{d.Range.Column} offset {d.Range.Offset} length {d.Range.Length} [{snippet}] {d.Message}");
        }
        return sb.Length == 0 ? " none" : sb.ToString();
    }

    private static void Check(string context, int seed, Mutator mutator, MutationBase b, Mutation m, bool crlf)
    {
        var rule = mutator.RuleId;
        Assert.Equal(rule, m.RuleId);
        string original = b.Text, mutated = m.Text;
        int offset = m.Offset, length = m.Length;
        if (crlf)
        {
            offset += mutated[..m.Offset].Count(c => c == '\n');
            length += mutated.Substring(m.Offset, m.Length).Count(c => c == '\n');
            original = Crlf(original);
            mutated = Crlf(mutated);
        }
        var (line, column) = Position(mutated, offset);
        var expected = new SourceRange(offset, length, line, column);
        var replay = $"\n(seed {seed}: run with DRAFTPAD_SEED={seed} to replay)";

        var before = NewsletterLinter.Default.Lint(original, b.Options).Where(d => d.RuleId == rule).ToList();
        var after = NewsletterLinter.Default.Lint(mutated, b.Options).Where(d => d.RuleId == rule).ToList();
        var severity = NewsletterLinter.Default.Rules.Single(r => r.Id == rule).Severity;
        Assert.True(severity != LintSeverity.Error || before.Count == 0, $"{context}: {rule} already reported before the mutation:{Show(original, before)}{replay}");

        // New findings: those of the mutated text that the original text did not have (same message, same text in range).
        var fresh = Fresh(original, before, mutated, after);
        var snippet = mutated.Substring(offset, Math.Min(length, 60)).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        Assert.True(fresh.Count == 1 && fresh[0].Range == expected,
            $"{context}: expected one new {rule} at {line}:{column} (offset {offset}, length {length}) [{snippet}].\n  before:{Show(original, before)}\n  after:{Show(mutated, after)}{replay}");

        var fix = fresh[0].Fix;
        if (m.Fix != FixExpectation.IfAny) Assert.True(fix is not null, $"{context}: the {rule} finding has no autofix{replay}");
        if (fix is null) return;
        var fixedText = TextEdits.Apply(mutated, fix.Edits);
        var again = NewsletterLinter.Default.Lint(fixedText, b.Options).Where(d => d.RuleId == rule).ToList();
        Assert.True(Fresh(original, before, fixedText, again).Count == 0,
            $"{context}: after the autofix '{fix.Title}', {rule} reports:{Show(fixedText, again)}\n  (before the mutation:{Show(original, before)}){replay}");
        switch (m.Fix)
        {
            case FixExpectation.RestoresOriginal:
                Assert.True(Lf(fixedText) == Lf(original), $"{context}: the autofix '{fix.Title}' does not restore the text:{Diff(Lf(original), Lf(fixedText))}{replay}");
                break;
            case FixExpectation.RestoresOriginalIgnoringCase:
                Assert.True(string.Equals(Lf(fixedText), Lf(original), StringComparison.OrdinalIgnoreCase),
                    $"{context}: the autofix '{fix.Title}' does not restore the text:{Diff(Lf(original), Lf(fixedText))}{replay}");
                break;
        }
    }

    private static string Slice(string text, SourceRange r) => text.Substring(r.Offset, r.Length);

    /// <summary>Findings of <paramref name="after"/> that <paramref name="before"/> does not have (same message, same text in range).</summary>
    private static List<LintDiagnostic> Fresh(string original, IEnumerable<LintDiagnostic> before, string mutated, IEnumerable<LintDiagnostic> after)
    {
        var unmatched = before.ToList();
        var fresh = new List<LintDiagnostic>();
        foreach (var d in after)
        {
            var old = unmatched.FirstOrDefault(x => x.Message == d.Message && Slice(original, x.Range) == Slice(mutated, d.Range));
            if (old is null) fresh.Add(d);
            else unmatched.Remove(old);
        }
        return fresh;
    }

    private static string Diff(string expected, string actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
        var from = Math.Max(0, i - 30);
        string Around(string s) => s.Substring(from, Math.Min(s.Length - from, 90)).Replace("\n", "\\n", StringComparison.Ordinal);
        return $"\n  first difference at offset {i}\n  expected [{Around(expected)}]\n  actual   [{Around(actual)}]";
    }
}
