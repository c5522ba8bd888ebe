// DraftPad.Benchmarks — crdt-benchmarks B1–B4 for DraftPad.Crdt, side by side with real yjs.
//
//   dotnet run -c Release --project tests/DraftPad.Benchmarks -- [names...] [--runs N] [--warmup N]
//       [--no-yjs] [--json FILE] [--client ID]
//
// names: b4-local b4-remote b1.1…b1.11 b2.1…b2.4 b3.1…b3.5, groups b1 b2 b3 b4 all (default all).
// Per benchmark: DraftPad runs --warmup times unreported, then --runs times (medians reported),
// in this process; then yjs does the same in one `node --expose-gc bench-yjs.mjs` process
// (YjsRunner). Files: Adapter.cs (the crdt-benchmarks factory + input files), B1–B4.cs (one per
// group, mirroring bench-yjs.mjs), YjsRunner.cs, Report.cs (tables, targets, JSON).
//
//   dotnet run -c Release --project tests/DraftPad.Benchmarks -- load [--clients 100] [--seconds 30] ...
// runs the load benchmark of the server instead (Load/, see `load --help`);
//   dotnet run -c Release --project tests/DraftPad.Benchmarks -- lint [--runs 200] [--all]
// times the linter against markdownlint-cli2 on the newsletters (Lint/, see `lint --help`).
using System.Globalization;
using DraftPad.Benchmarks;
using DraftPad.Testing;

// `load [options]`: the pad hub's load benchmark (Load/LoadBenchmark.cs; `load --help`).
if (args.Length > 0 && args[0] == "load") return DraftPad.Benchmarks.Load.LoadBenchmark.Run(args[1..]);
// `lint [options]`: DraftPad.Lint against markdownlint-cli2 on the newsletters (Lint/LintBenchmark.cs).
if (args.Length > 0 && args[0] == "lint") return DraftPad.Benchmarks.Lint.LintBenchmark.Run(args[1..]);

var names = new List<string>();
int runs = 3, warmup = 1;
ulong client = 2_000_000_000;
var withYjs = true;
string? jsonPath = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--runs": runs = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--warmup": warmup = Math.Max(0, int.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--client": client = ulong.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--json": jsonPath = Path.GetFullPath(Next()); break;
        case "--no-yjs": withYjs = false; break;
        case "-h" or "--help":
            Console.WriteLine("usage: DraftPad.Benchmarks [b4-local|b4-remote|b1.N|b2.N|b3.N|b1|b2|b3|b4|all ...] [--runs N] [--warmup N] [--no-yjs] [--json FILE] [--client ID]");
            return 0;
        default: names.Add(args[i].ToLowerInvariant()); break;
    }
}

var b1 = Enumerable.Range(1, 11).Select(n => $"b1.{n}").ToList();
var b2 = Enumerable.Range(1, 4).Select(n => $"b2.{n}").ToList();
var b3 = Enumerable.Range(1, 5).Select(n => $"b3.{n}").ToList();
List<string> b4 = ["b4-local", "b4-remote"];
var selected = new List<string>();
foreach (var n in names.Count == 0 ? ["all"] : names)
{
    selected.AddRange(n switch
    {
        "all" => [.. b1, .. b2, .. b3, .. b4],
        "b1" => b1,
        "b2" => b2,
        "b3" => b3,
        "b4" => b4,
        _ when b1.Contains(n) || b2.Contains(n) || b3.Contains(n) || b4.Contains(n) => [n],
        _ => throw new ArgumentException($"unknown benchmark {n}"),
    });
}
selected = selected.Distinct().ToList();

// --- the benchmarks --------------------------------------------------------------------------
Metric T(string k, string unit = "ms") => new(k, Kind.Time, unit);
Metric S(string k) => new(k, Kind.Size);
Metric C(string k) => new(k, Kind.Count);
Metric M(string k) => new(k, Kind.Memory);
Metric[] b1Metrics = [T("time"), S("avgUpdateSize"), C("updateCount"), S("updateBytes"), T("encodeTime"), S("docSize"), S("docSizeV1"), T("parseTime"), M("memUsed")];
Metric[] b2Metrics = [T("time"), S("updateSize"), T("encodeTime"), S("docSize"), S("docSizeV1"), T("parseTime"), M("memUsed"), C("textLength")];
Metric[] b3Metrics = [T("time"), S("updateSize"), C("updateCount"), T("encodeTime"), S("docSize"), S("docSizeV1"), T("parseTime"), M("memUsed")];
Metric[] b4LocalMetrics = [T("timeMs"), T("encodeV1Ms"), T("encodeV2Ms"), S("v1Size"), S("v2Size"), S("svSize"), C("textLength"),
    T("parseV1Ms"), T("parseV1MsWarm"), T("parseV2Ms"), T("parseV2MsWarm"),
    M("heapBytesReplayDoc"), M("heapBytesV1"), M("heapBytesV1First"), M("heapBytesV2"), M("heapBytesV2First")];
Metric[] b4RemoteMetrics = [T("timeAMs"), C("updateCount"), S("updateBytes"), T("timeMs"), T("usPerUpdate", "µs"), M("heapBytesDocB"), S("docBV1Size")];

var trace = new Lazy<SequentialTrace>(() => SequentialTrace.Load("automerge-paper"));
BenchmarkDef Define(string name)
{
    if (name == "b4-local")
        return new(name, "[B4] automerge-paper trace, local replay (one transaction per edit) + encode + load", b4LocalMetrics,
            () => B4.Local(trace.Value, client), "timeMs", "parseV1MsWarm", "heapBytesV1");
    if (name == "b4-remote")
        return new(name, "[B4] automerge-paper trace, remote path: doc B applies doc A's V1 updates one by one", b4RemoteMetrics,
            () => B4.Remote(trace.Value, client), "timeMs", null, "heapBytesDocB");
    var input = BenchInput.Load(YjsRunner.InputFile(name));
    return name[1] switch
    {
        '1' => new(name, input.Title, b1Metrics, () => B1.Run(input, client), "time", "parseTime", "memUsed"),
        '2' => new(name, input.Title, b2Metrics, () => B2.Run(input, client), "time", "parseTime", "memUsed"),
        _ => new(name, input.Title, b3Metrics, () => B3.Run(input, client), "time", "parseTime", "memUsed"),
    };
}

// --- run -------------------------------------------------------------------------------------
var yjs = withYjs ? new YjsRunner(client, runs, warmup) : null;
var yjsVersion = withYjs ? System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(YjsRunner.InteropDir, "node_modules", "yjs", "package.json")))
    .RootElement.GetProperty("version").GetString() : null;
var machine = Report.Machine(withYjs ? YjsRunner.NodeVersion() : null, yjsVersion);
Console.WriteLine($"# DraftPad.Crdt vs yjs — crdt-benchmarks B1–B4 ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
Console.WriteLine(Report.MachineTable(machine));
Console.WriteLine($"Each benchmark: {warmup} warm-up run(s), then the median of {runs} runs, DraftPad in this process, yjs in one `node --expose-gc` process per benchmark; client ids from {client}.\n");

var outcomes = new List<Outcome>();
foreach (var name in selected)
{
    var def = Define(name);
    Console.Error.Write($"{name}: DraftPad");
    GC.Collect();
    GC.WaitForPendingFinalizers();
    for (var i = 0; i < warmup; i++) def.Run();
    var dpRuns = new List<Dictionary<string, double>>();
    RunResult last = null!;
    for (var i = 0; i < runs; i++)
    {
        last = def.Run();
        dpRuns.Add(last.Metrics);
    }
    if (yjs != null) Console.Error.Write(", yjs");
    var js = yjs?.Run(name);
    Console.Error.WriteLine();
    var outcome = new Outcome { Def = def, DraftPadRuns = dpRuns, LastRun = last, Yjs = js };
    outcomes.Add(outcome);
    Console.WriteLine(Report.Benchmark(outcome));
}

Console.WriteLine("## Summary (medians; × = yjs/DraftPad, > 1 means DraftPad is faster)\n");
Console.WriteLine(Report.Summary(outcomes));
var targets = Report.Targets(outcomes);
if (selected.Any(n => n.StartsWith("b4", StringComparison.Ordinal))) Console.WriteLine(Report.TargetTable(targets));
var mismatches = outcomes.Where(o => o.SizeMismatches().Count > 0 || o.StateV1?.StartsWith("**", StringComparison.Ordinal) == true
    || o.StateV2?.StartsWith("**", StringComparison.Ordinal) == true).Select(o => o.Def.Name).ToList();
if (withYjs) Console.WriteLine(mismatches.Count == 0 ? "All sizes and encoded states are identical to yjs." : "Size/state mismatches vs yjs: " + string.Join(", ", mismatches));
if (jsonPath != null)
{
    Report.WriteJson(jsonPath, machine, new { runs, warmup, client, yjs = withYjs }, outcomes, targets);
    Console.Error.WriteLine($"wrote {jsonPath}");
}
return 0;
