using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DraftPad.Benchmarks;

internal enum Kind { Time, Size, Memory, Count }

/// <summary>A reported metric: bench-yjs's key, its kind (decides formatting and comparison) and unit.</summary>
internal sealed record Metric(string Key, Kind Kind, string Unit = "ms");

/// <summary>One benchmark: name, title, metrics to show, the C# run, and the keys the summary uses.</summary>
internal sealed record BenchmarkDef(string Name, string Title, Metric[] Metrics, Func<RunResult> Run, string TimeKey, string? ParseKey, string? MemKey);

/// <summary>The outcome of one benchmark on both sides.</summary>
internal sealed class Outcome
{
    public required BenchmarkDef Def { get; init; }
    public required List<Dictionary<string, double>> DraftPadRuns { get; init; }
    public required RunResult LastRun { get; init; }
    public YjsResult? Yjs { get; init; }
    public Dictionary<string, double> DraftPad => RunResult.Medians(DraftPadRuns);
    public Dictionary<string, double>? YjsMedians => Yjs == null ? null : RunResult.Medians(Yjs.Runs);
    public string? StateV1 => Report.CompareBytes(LastRun.StateV1, Yjs?.StateV1);
    public string? StateV2 => Report.CompareBytes(LastRun.StateV2, Yjs?.StateV2);

    /// <summary>Size/count metrics whose medians differ from yjs's ("key: draftpad vs yjs").</summary>
    public List<string> SizeMismatches()
    {
        var js = YjsMedians;
        if (js == null) return [];
        var dp = DraftPad;
        return Def.Metrics.Where(m => m.Kind is Kind.Size or Kind.Count)
            .Where(m => dp.TryGetValue(m.Key, out var a) && js.TryGetValue(m.Key, out var b) && a != b)
            .Select(m => $"{m.Key}: {dp[m.Key]:N0} vs {js[m.Key]:N0}").ToList();
    }
}

internal sealed record Target(string Name, bool? Pass, string Detail);

/// <summary>Formatting: Markdown tables on stdout (pasted into docs/benchmarks.md) and the --json file.</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Dictionary<string, string> Machine(string? nodeVersion, string? yjsVersion)
    {
        string? Proc(string file, string prefix) => File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memKb = Proc("/proc/meminfo", "MemTotal")?.Split(' ')[0];
        var pgo = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? AppContext.GetData("System.Runtime.TieredPGO")?.ToString() ?? "default";
#if DEBUG
        const string config = "Debug (numbers are not representative)";
#else
        const string config = "Release";
#endif
        return new()
        {
            ["cpu"] = Proc("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            ["cores"] = Environment.ProcessorCount.ToString(Inv),
            ["memory"] = memKb == null ? "?" : (double.Parse(memKb, Inv) / 1024 / 1024).ToString("F1", Inv) + " GiB",
            ["os"] = $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}",
            ["dotnet"] = $"{RuntimeInformation.FrameworkDescription}, {config}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, TieredPGO={pgo}",
            ["node"] = nodeVersion ?? "not run (--no-yjs)",
            ["yjs"] = yjsVersion ?? "-",
        };
    }

    public static string MachineTable(Dictionary<string, string> machine)
    {
        var sb = new StringBuilder("| machine | |\n| :- | :- |\n");
        foreach (var (k, v) in machine) sb.Append(CultureInfo.InvariantCulture, $"| {k} | {v} |\n");
        return sb.ToString();
    }

    public static string Benchmark(Outcome o)
    {
        var dp = o.DraftPad;
        var js = o.YjsMedians;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"#### {o.Def.Name} — {o.Def.Title}\n\n| metric | DraftPad | yjs | yjs/DraftPad |\n| :- | -: | -: | :- |\n");
        foreach (var m in o.Def.Metrics)
        {
            double? a = dp.TryGetValue(m.Key, out var x) ? x : null;
            double? b = js != null && js.TryGetValue(m.Key, out var y) ? y : null;
            sb.Append(CultureInfo.InvariantCulture, $"| {m.Key} | {Format(m, a)} | {Format(m, b)} | {Compare(m, a, b)} |\n");
        }
        if (o.Yjs != null)
        {
            if (o.LastRun.StateV1 != null) sb.Append(CultureInfo.InvariantCulture, $"| V1 state bytes | | | {o.StateV1} |\n");
            if (o.LastRun.StateV2 != null) sb.Append(CultureInfo.InvariantCulture, $"| V2 state bytes | | | {o.StateV2} |\n");
        }
        return sb.ToString();
    }

    public static string Summary(IReadOnlyList<Outcome> outcomes)
    {
        var sb = new StringBuilder("| benchmark | time DraftPad | time yjs | × | parse DraftPad | parse yjs | × | mem DraftPad | mem yjs | sizes | state bytes |\n" +
                                   "| :- | -: | -: | -: | -: | -: | -: | -: | -: | :- | :- |\n");
        foreach (var o in outcomes)
        {
            var dp = o.DraftPad;
            var js = o.YjsMedians;
            string Cell(string? key, Kind kind, Dictionary<string, double>? d) =>
                key != null && d != null && d.TryGetValue(key, out var v) ? Format(new Metric(key, kind), v) : "";
            string Ratio(string? key, Kind kind) => key == null ? "" :
                Compare(new Metric(key, kind), dp.TryGetValue(key, out var a) ? a : null, js != null && js.TryGetValue(key, out var b) ? b : null);
            var mismatches = o.SizeMismatches();
            var sizes = js == null ? "" : mismatches.Count == 0 ? "identical" : "**DIFFER** " + string.Join("; ", mismatches);
            var states = new[] { ("V1", o.StateV1), ("V2", o.StateV2) }.Where(s => s.Item2 != null).ToList();
            var state = states.Count == 0 ? "" : states.All(s => s.Item2 == "identical") ? "identical"
                : string.Join("; ", states.Select(s => $"{s.Item1} {s.Item2}"));
            sb.Append(CultureInfo.InvariantCulture,
                $"| {o.Def.Name} | {Cell(o.Def.TimeKey, Kind.Time, dp)} | {Cell(o.Def.TimeKey, Kind.Time, js)} | {Ratio(o.Def.TimeKey, Kind.Time)} " +
                $"| {Cell(o.Def.ParseKey, Kind.Time, dp)} | {Cell(o.Def.ParseKey, Kind.Time, js)} | {Ratio(o.Def.ParseKey, Kind.Time)} " +
                $"| {Cell(o.Def.MemKey, Kind.Memory, dp)} | {Cell(o.Def.MemKey, Kind.Memory, js)} | {sizes} | {state} |\n");
        }
        return sb.ToString();
    }

    /// <summary>The B4 targets; null when b4-local / b4-remote or yjs were not run.</summary>
    public static List<Target> Targets(IReadOnlyList<Outcome> outcomes)
    {
        var local = outcomes.FirstOrDefault(o => o.Def.Name == "b4-local" && o.Yjs != null);
        var remote = outcomes.FirstOrDefault(o => o.Def.Name == "b4-remote" && o.Yjs != null);
        var targets = new List<Target>();
        (double Dp, double Js, double Ratio)? Get(Outcome? o, string key)
        {
            if (o == null || !o.DraftPad.TryGetValue(key, out var a) || !o.YjsMedians!.TryGetValue(key, out var b)) return null;
            return (a, b, b / a);
        }
        string Times(string label, (double Dp, double Js, double Ratio) r) =>
            string.Create(Inv, $"{label} {r.Dp:F1} ms vs yjs {r.Js:F1} ms = {r.Ratio:F2}x");

        var t = Get(local, "timeMs");
        targets.Add(new("B4 local apply ≥ 4x yjs", t?.Ratio >= 4, t == null ? "not run" : Times("replay", t.Value)));
        t = Get(remote, "timeMs");
        targets.Add(new("B4 remote path ≥ 4x yjs", t?.Ratio >= 4, t == null ? "not run" : Times("doc B applies 259,778 V1 updates", t.Value)));
        if (local == null) targets.Add(new("B4 V1/V2 state byte-identical to yjs", null, "not run"));
        else
        {
            var remoteState = remote?.StateV1;
            var ok = local.StateV1 == "identical" && local.StateV2 == "identical" && (remoteState == null || remoteState == "identical");
            targets.Add(new("B4 V1/V2 state byte-identical to yjs", ok,
                $"V1 ({local.DraftPad["v1Size"]:N0} B) {local.StateV1}; V2 ({local.DraftPad["v2Size"]:N0} B) {local.StateV2}" +
                (remoteState == null ? "" : $"; b4-remote doc B V1 {remoteState}")));
        }
        var p1 = Get(local, "parseV1MsWarm");
        var p2 = Get(local, "parseV2MsWarm");
        targets.Add(new("B4 load faster than yjs (V1 and V2)", p1 == null || p2 == null ? null : p1.Value.Ratio > 1 && p2.Value.Ratio > 1,
            p1 == null || p2 == null ? "not run" : Times("V1", p1.Value) + "; " + Times("V2", p2.Value)));
        var m1 = Get(local, "heapBytesV1");
        var m2 = Get(local, "heapBytesV2");
        targets.Add(new("B4 heap of the loaded doc ≤ yjs (V1 and V2)", m1 == null || m2 == null ? null : m1.Value.Dp <= m1.Value.Js && m2.Value.Dp <= m2.Value.Js,
            m1 == null || m2 == null ? "not run" :
            $"V1 {Bytes(m1.Value.Dp)} vs yjs {Bytes(m1.Value.Js)}; V2 {Bytes(m2.Value.Dp)} vs yjs {Bytes(m2.Value.Js)}"));
        return targets;
    }

    public static string TargetTable(List<Target> targets)
    {
        var sb = new StringBuilder("| B4 target | result | measured |\n| :- | :- | :- |\n");
        foreach (var t in targets) sb.Append(CultureInfo.InvariantCulture, $"| {t.Name} | {(t.Pass switch { true => "PASS", false => "**FAIL**", null => "n/a" })} | {t.Detail} |\n");
        return sb.ToString();
    }

    public static void WriteJson(string path, Dictionary<string, string> machine, object options, IReadOnlyList<Outcome> outcomes, List<Target> targets)
    {
        static JsonObject Obj(Dictionary<string, double>? d) => d == null ? [] : new JsonObject(d.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var root = new JsonObject
        {
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv),
            ["machine"] = new JsonObject(machine.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["options"] = JsonSerializer.SerializeToNode(options),
            ["benchmarks"] = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Def.Name,
                ["title"] = o.Def.Title,
                ["draftpad"] = Obj(o.DraftPad),
                ["yjs"] = o.Yjs == null ? null : Obj(o.YjsMedians),
                ["draftpadRuns"] = new JsonArray(o.DraftPadRuns.Select(r => (JsonNode)Obj(r)).ToArray()),
                ["yjsRuns"] = o.Yjs == null ? null : new JsonArray(o.Yjs.Runs.Select(r => (JsonNode)Obj(r)).ToArray()),
                ["sizeMismatches"] = new JsonArray(o.SizeMismatches().Select(s => (JsonNode)s).ToArray()),
                ["stateV1"] = o.StateV1,
                ["stateV2"] = o.StateV2,
            }).ToArray()),
            ["targets"] = new JsonArray(targets.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["pass"] = t.Pass, ["detail"] = t.Detail }).ToArray()),
        };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>"identical", or how the bytes differ; null if either side has no state.</summary>
    public static string? CompareBytes(byte[]? a, byte[]? b)
    {
        if (a == null || b == null) return null;
        if (a.AsSpan().SequenceEqual(b)) return "identical";
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return string.Create(Inv, $"**DIFFER** ({a.Length:N0} vs {b.Length:N0} B, first difference at byte {i})");
    }

    private static string Format(Metric m, double? v) => v is not double x ? "" : m.Kind switch
    {
        Kind.Time => FormatMs(x) + " " + m.Unit,
        Kind.Size => x.ToString("N0", Inv) + " B",
        Kind.Memory => Bytes(x),
        _ => x.ToString("N0", Inv),
    };

    private static string FormatMs(double x) => x.ToString(Math.Abs(x) < 1 ? "F3" : Math.Abs(x) < 100 ? "F2" : "N1", Inv);

    private static string Compare(Metric m, double? a, double? b)
    {
        if (a is not double dp || b is not double js) return "";
        return m.Kind switch
        {
            Kind.Size or Kind.Count => dp == js ? "identical" : "**DIFFER**",
            _ => dp > 0 && js > 0 ? (js / dp).ToString("F2", Inv) + "x" : "n/a",
        };
    }

    public static string Bytes(double x)
    {
        var a = Math.Abs(x);
        return a < 1000 ? x.ToString("F0", Inv) + " B" : a < 1e6 ? (x / 1e3).ToString("F1", Inv) + " kB" : (x / 1e6).ToString("F2", Inv) + " MB";
    }
}
