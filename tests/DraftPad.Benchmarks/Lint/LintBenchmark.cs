using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DraftPad.Lint;
using DraftPad.Testing;

namespace DraftPad.Benchmarks.Lint;

/// <summary>
/// <c>DraftPad.Benchmarks lint</c>: DraftPad.Lint on every newsletter of the current layout (or
/// every issue with --all), median time per issue after warm-up, beside markdownlint-cli2 on the
/// same files in the same run (tests/lint-bench/bench-markdownlint.mjs). Targets: under 1 ms per
/// issue, and faster than markdownlint.
/// </summary>
internal static class LintBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        int runs = 200, warmup = 50, nodeRuns = 30, nodeWarmup = 10;
        var all = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--runs": runs = int.Parse(Next(), Inv); break;
                case "--warmup": warmup = int.Parse(Next(), Inv); break;
                case "--node-runs": nodeRuns = int.Parse(Next(), Inv); break;
                case "--all": all = true; break;
                case "-h" or "--help":
                    Console.WriteLine("usage: DraftPad.Benchmarks lint [--runs 200] [--warmup 50] [--node-runs 30] [--all]\n" +
                                      "Lints each newsletter from 2024-06 on (--all: every issue in the corpus) with DraftPad.Lint and with markdownlint-cli2.");
                    return 0;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        var corpus = Path.Combine(SharedData.Root, "corpus", "newsletters");
        var files = Directory.EnumerateFiles(corpus, "content__blog__newsletter__*.md").Order(StringComparer.Ordinal)
            .Where(f => all || string.CompareOrdinal(Path.GetFileName(f), "content__blog__newsletter__2024-06") >= 0).ToList();
        var benchDir = Path.Combine(SharedData.RepositoryRoot, "tests", "lint-bench");
        if (!Directory.Exists(Path.Combine(benchDir, "node_modules", "markdownlint-cli2")))
        {
            throw new InvalidOperationException($"markdownlint-cli2 is not installed: run `npm ci` in {benchDir}.");
        }

        // Warm-up over every file first, so the first issues measured do not pay for tiered JIT.
        var texts = files.ToDictionary(f => f, File.ReadAllText);
        for (var i = 0; i < warmup; i++)
        {
            foreach (var text in texts.Values) NewsletterLinter.Default.Lint(text);
        }
        var ours = new List<(string File, double Ms, int Findings, long Bytes)>();
        foreach (var file in files)
        {
            var text = texts[file];
            var findings = NewsletterLinter.Default.Lint(text).Count;
            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                NewsletterLinter.Default.Lint(text);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            ours.Add((file, Median(times), findings, new FileInfo(file).Length));
        }

        Console.Error.WriteLine($"lint: DraftPad done ({files.Count} files); markdownlint-cli2 …");
        var reference = RunNode(benchDir, files, nodeRuns, nodeWarmup);
        var versions = reference["versions"]!.AsObject();
        var theirs = reference["files"]!.AsArray().ToDictionary(f => f!["file"]!.GetValue<string>(), f => f!);

        var machine = Report.Machine(versions["node"]?.GetValue<string>(), null);
        machine.Remove("yjs");
        machine["markdownlint-cli2"] = $"{versions["markdownlint-cli2"]} (markdownlint {versions["markdownlint"]})";
        var sb = new StringBuilder();
        sb.Append(Inv, $"# DraftPad.Lint vs markdownlint-cli2 ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n\n");
        sb.Append(Report.MachineTable(machine)).Append('\n');
        sb.Append(Inv, $"Per issue: DraftPad.Lint ({NewsletterLinter.Default.Rules.Count} rules, parse included) median of {runs} runs after {warmup} warm-up rounds over all files, in this process; " +
                       $"markdownlint-cli2 median of {nodeRuns} runs after {nodeWarmup}, in one node process (cli2 = its main() on the file; engine = markdownlint's lint() of the text in memory, default rules).\n\n");
        sb.Append("| issue | KiB | DraftPad ms | findings | cli2 ms | engine ms | engine findings | engine/DraftPad |\n| :- | -: | -: | -: | -: | -: | -: | -: |\n");
        foreach (var (file, ms, findings, bytes) in ours)
        {
            var t = theirs[file];
            var engine = t["engineMs"]!.GetValue<double>();
            sb.Append(Inv, $"| {Path.GetFileName(file).Replace("content__blog__newsletter__", "", StringComparison.Ordinal).Replace("-newsletter.md", "", StringComparison.Ordinal)} " +
                           $"| {bytes / 1024.0:F1} | {ms:F3} | {findings} | {t["cli2Ms"]!.GetValue<double>():F2} | {engine:F2} | {t["findings"]} | {engine / ms:F0}× |\n");
        }
        var ourMedian = Median(ours.Select(o => o.Ms).ToArray());
        var cliMedian = Median(theirs.Values.Select(t => t!["cli2Ms"]!.GetValue<double>()).ToArray());
        var engineMedian = Median(theirs.Values.Select(t => t!["engineMs"]!.GetValue<double>()).ToArray());
        sb.Append(Inv, $"\nMedian over the {ours.Count} issues: DraftPad.Lint {ourMedian:F3} ms, markdownlint engine {engineMedian:F2} ms ({engineMedian / ourMedian:F0}× DraftPad), markdownlint-cli2 {cliMedian:F2} ms ({cliMedian / ourMedian:F0}×).\n\n");
        var fast = ourMedian < 1.0;
        var faster = ours.All(o => o.Ms < theirs[o.File]["engineMs"]!.GetValue<double>());
        sb.Append(Inv, $"Target: under 1 ms per issue (median): {(fast ? "PASS" : "FAIL")}; faster than markdownlint on every issue: {(faster ? "PASS" : "FAIL")}.\n");
        Console.WriteLine(sb.ToString());
        return 0;
    }

    private static JsonNode RunNode(string dir, IReadOnlyList<string> files, int runs, int warmup)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "bench-markdownlint.mjs", "--runs", runs.ToString(Inv), "--warmup", warmup.ToString(Inv) }.Concat(files)) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"bench-markdownlint.mjs failed ({process.ExitCode}): {stderr.Result}");
        return JsonNode.Parse(stdout) ?? throw new InvalidOperationException("bench-markdownlint.mjs printed nothing");
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var m = values.Length / 2;
        return values.Length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }
}
