using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DraftPad.Benchmarks.Load;

/// <summary>Markdown tables for stdout (pasted into docs/benchmarks.md) and the --json file.</summary>
internal static class LoadReport
{
    /// <summary>The issue's target: p99 end-to-end latency below this at 100 editors.</summary>
    public const double TargetP99Ms = 25;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Setup(LoadOptions o)
    {
        string N(double v) => v.ToString("0.#", Inv);
        return $"{o.Clients} clients on pad {o.Pad}; each inserts {Chars(o)} random letters at a random position of `content` every {N(o.IntervalMs)} ms " +
               $"(phases spread evenly over the interval) and sends the update; {N(o.WarmupSeconds)} s warm-up, then a {N(o.Seconds)} s measured window. " +
               $"All clients run in this one .NET process on the same machine as the server (they share its {Environment.ProcessorCount} cores). " +
               "End-to-end latency: from just before the sender's send to the moment a receiver has applied the update, for every (sender, receiver) pair, " +
               "over edits sent in the window. Ack: until `Send` completes " +
               (o.Redis ? "(DraftPad acknowledges once the update is stored in Redis, see below). " : "(DraftPad acknowledges once the update is stored in SQLite with synchronous=FULL). ") +
               "The reference server keeps the document in memory only and has no acknowledgement; its room starts from the DraftPad pad's " +
               "initial text (the newsletter skeleton) when DraftPad ran first, else empty." +
               (o.DataRoot == null ? "" : $" DraftPad's data directory is under {o.DataRoot} (not the default temp folder).") +
               (o.ServerEnv.Count == 0 ? "" : $" DraftPad server environment: {string.Join(", ", o.ServerEnv)}.") +
               (!o.Redis ? ""
                   : o.Nodes == 1 ? " DraftPad stores in a redis-server started for the run (loopback, appendonly yes, appendfsync always) instead of SQLite: it acknowledges once Redis has the update."
                   : $" DraftPad runs as {o.Nodes} nodes (separate processes, same machine) on one redis-server started for the run (loopback, appendonly yes, " +
                     $"appendfsync always, one key prefix); client i connects to node i % {o.Nodes}, so about {o.Nodes - 1} in {o.Nodes} of each edit's receivers are on another node " +
                     "(a node acknowledges once Redis has the update; the fan-out goes through Redis's pub/sub, the SignalR backplane). CPU and RSS are per process and summed; " +
                     "convergence compares every client with every node's /api/pads/{id}/markdown.") + "\n";
    }

    private static string Chars(LoadOptions o) => o.MinChars == o.MaxChars ? $"{o.MinChars}" : $"{o.MinChars}–{o.MaxChars}";

    public static string Table(IReadOnlyList<LoadResult> results)
    {
        var dp = results.FirstOrDefault(r => r.Persistent);
        var yws = results.FirstOrDefault(r => !r.Persistent);
        var both = dp != null && yws != null;
        var sb = new StringBuilder();
        sb.Append("| metric | ").AppendJoin(" | ", results.Select(r => r.Target)).Append(both ? " | y-websocket/DraftPad |" : " |").Append('\n');
        sb.Append("| :- |").Append(string.Concat(results.Select(_ => " -: |"))).Append(both ? " -: |" : "").Append('\n');

        void Row(string name, Func<LoadResult, string> cell, Func<LoadResult, double>? ratioOf = null)
        {
            sb.Append("| ").Append(name).Append(" | ").AppendJoin(" | ", results.Select(cell)).Append(" |");
            if (both) sb.Append(' ').Append(ratioOf == null ? "" : Ratio(ratioOf(yws!), ratioOf(dp!))).Append(" |");
            sb.Append('\n');
        }

        Row("server", r => r.Server);
        Row("transport", r => r.Transport);
        Row("durability", r => r.Durability);
        Row("clients", r => r.Clients.ToString(Inv));
        Row("initial text", r => r.InitialTextLength.ToString("N0", Inv) + " chars");
        Row("connect + sync all clients", r => Fmt(r.ConnectSeconds, "s", "F1"));
        Row("updates/s sent", r => Fmt(r.UpdatesPerSecond, "", "F1"));
        Row("deliveries/s", r => Fmt(r.DeliveriesPerSecond, "", "F0"));
        Row("end-to-end p50", r => Ms(r.EndToEnd.P50), r => r.EndToEnd.P50);
        Row("end-to-end p90", r => Ms(r.EndToEnd.P90), r => r.EndToEnd.P90);
        Row("**end-to-end p99**", r => "**" + Ms(r.EndToEnd.P99) + "**", r => r.EndToEnd.P99);
        Row("end-to-end p99.9", r => Ms(r.EndToEnd.P999), r => r.EndToEnd.P999);
        Row("end-to-end max", r => Ms(r.EndToEnd.Max), r => r.EndToEnd.Max);
        Row("end-to-end mean", r => Ms(r.EndToEnd.Mean), r => r.EndToEnd.Mean);
        if (results.Any(r => r.EndToEndCrossNode != null))
        {
            string Split(LatencySummary? l) => l == null ? "-" : $"{Ms(l.P50)} / {Ms(l.P99)} / {Ms(l.Max)} ({l.Count:N0})";
            Row("end-to-end p50 / p99 / max, sender on the same node (deliveries)", r => Split(r.EndToEndSameNode));
            Row("end-to-end p50 / p99 / max, sender on another node (deliveries)", r => Split(r.EndToEndCrossNode));
        }
        Row("end-to-end p50 / p99 outside client GC pauses¹", r => $"{Ms(r.EndToEndOutsideClientGc.P50)} / {Ms(r.EndToEndOutsideClientGc.P99)}", r => r.EndToEndOutsideClientGc.P99);
        Row("deliveries overlapping a client GC pause", r => r.EndToEnd.Count == 0 ? "-" :
            (100.0 * (r.EndToEnd.Count - r.EndToEndOutsideClientGc.Count) / r.EndToEnd.Count).ToString("F1", Inv) + " %");
        Row("ack p50 / p99", r => r.Ack == null ? "n/a" : $"{Ms(r.Ack.P50)} / {Ms(r.Ack.P99)}");
        Row("deliveries measured", r => r.EndToEnd.Count.ToString("N0", Inv));
        Row("live-lint pushes received: in window / whole run (all clients)", r => r.DiagnosticsInWindow is { } w ? $"{w:N0} / {r.DiagnosticsTotal:N0}" : "n/a");
        Row("missing deliveries", r => r.MissingDeliveries.ToString(Inv) + (r.AckErrors > 0 ? $" ({r.AckErrors} failed sends)" : ""));
        Row("convergence", r => (r.Converged ? "PASS" : "**FAIL**") + $" ({r.ServerTextLength:N0} chars)");
        // Several server-side processes (nodes, Redis): one row each, then the totals.
        var perProcess = results.Max(r => r.ServerProcesses.Count) > 1;
        if (perProcess)
        {
            var names = results.SelectMany(r => r.ServerProcesses.Select(p => p.Name)).Distinct().ToList();
            foreach (var name in names)
            {
                Row($"{name}: CPU / RSS peak in window / RSS at end", r => r.ServerProcesses.FirstOrDefault(p => p.Name == name) is { } u
                    ? $"{Fmt(u.CpuPercent, "%", "F1")} / {MiB(u.RssPeakWindowBytes)} / {MiB(u.RssFinalBytes)}" + (u.Clients is { } c ? $" ({c} clients)" : "")
                    : "-");
            }
        }
        var total = perProcess ? ", all server processes" : "";
        Row($"server CPU{total} (% of one core)", r => Fmt(r.ServerCpuPercent, "%", "F1"), r => r.ServerCpuPercent);
        Row("server CPU per update (fan-out included)", r => r.UpdatesPerSecond > 0 ? Fmt(r.ServerCpuSeconds / (r.UpdatesPerSecond * r.WindowSeconds) * 1e3, "ms", "F2") : "-",
            r => r.UpdatesPerSecond > 0 ? r.ServerCpuSeconds / (r.UpdatesPerSecond * r.WindowSeconds) : double.NaN);
        Row(perProcess ? "server RSS, all server processes: peak of the sum in window / at end" : "server RSS peak in window / at end", r => $"{MiB(r.ServerRssPeakWindowBytes)} / {MiB(r.ServerRssFinalBytes)}", r => r.ServerRssPeakWindowBytes);
        Row(perProcess ? "server VmHWM (sum of each process's peak since start)" : "server VmHWM (peak since start)", r => MiB(r.ServerVmHwmBytes));
        Row("client process CPU (% of one core)", r => Fmt(r.ClientCpuPercent, "%", "F1"));
        Row("client process RSS / GC in window", r => $"{MiB(r.ClientRssBytes)} / {r.ClientGc} (events: {r.ClientGcPauseMsListener:F0} ms)");
        Row("machine busy (% of all cores)", r => Fmt(r.MachineBusyPercent, "%", "F0"));
        // Machine time is tick-sampled and process time is not: values within ±25 % of zero are noise.
        Row("rest of the machine (% of one core, ±25)", r => Fmt(Math.Max(0, r.OtherCpuPercent), "%", "F0") + (r.OtherProcesses.Count > 0 ? " (" + string.Join(", ", r.OtherProcesses) + ")" : ""));
        sb.Append("\n¹ The load generator keeps a document per client; while its GC pauses, senders and receivers are frozen. ")
            .Append("This row leaves out deliveries whose send→apply interval overlapped such a pause (runtime GC events): roughly the server's share ")
            .Append("(a little optimistic: long deliveries overlap pauses more often).\n");
        return sb.ToString();
    }

    public static string Histogram(IReadOnlyList<LoadResult> results)
    {
        var bounds = LatencySummary.BucketBounds;
        var labels = new List<string> { $"< {bounds[0]:0} ms" };
        for (var i = 1; i < bounds.Length; i++) labels.Add($"{bounds[i - 1]:0}–{bounds[i]:0} ms");
        labels.Add($"≥ {bounds[^1]:0} ms");
        var sb = new StringBuilder("| end-to-end latency | ").AppendJoin(" | ", results.Select(r => r.Target)).Append(" |\n| :- |")
            .Append(string.Concat(results.Select(_ => " -: |"))).Append('\n');
        for (var b = 0; b < labels.Count; b++)
        {
            sb.Append("| ").Append(labels[b]).Append(" | ")
                .AppendJoin(" | ", results.Select(r => r.EndToEnd.Count == 0 ? "-" : (100.0 * r.EndToEnd.Buckets[b] / r.EndToEnd.Count).ToString("F2", Inv) + " %"))
                .Append(" |\n");
        }
        return sb.ToString();
    }

    /// <summary>p99 and max per second of the window: whether the tail is spread or comes in bursts.</summary>
    public static string OverTime(IReadOnlyList<LoadResult> results)
    {
        var sb = new StringBuilder();
        foreach (var r in results)
        {
            string Line(List<double> v) => string.Join(' ', v.Select(x => double.IsFinite(x) ? x.ToString("F0", Inv) : "-"));
            var over = r.P99PerSecond.Count(v => v >= TargetP99Ms);
            sb.Append(Inv, $"{r.Target}, end-to-end latency per second of the window (ms, by send time; {over} of {r.P99PerSecond.Count} seconds with p99 ≥ {TargetP99Ms:0} ms):\n");
            sb.Append("    p99: ").Append(Line(r.P99PerSecond)).Append('\n');
            sb.Append("    max: ").Append(Line(r.MaxPerSecond)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The issue's target line, for a DraftPad result.</summary>
    public static string TargetLine(LoadResult dp)
    {
        var pass = dp.EndToEnd.P99 < TargetP99Ms && dp.Converged && dp.MissingDeliveries == 0;
        var at = dp.Clients == 100 ? "" : $" (this run: {dp.Clients} editors; the target is stated for 100)";
        return $"Target: DraftPad p99 end-to-end latency below {TargetP99Ms.ToString(Inv)} ms at 100 editors, converged, nothing missing: " +
               $"{(pass ? "PASS" : "FAIL")} (p99 {Ms(dp.EndToEnd.P99)}){at}.\n";
    }

    /// <summary>One line per run: the headline numbers of every round.</summary>
    public static string Rounds(IReadOnlyList<LoadResult> runs)
    {
        var sb = new StringBuilder("| target | round | e2e p50 | e2e p99 | e2e max | ack p99 | server CPU | client CPU | rest of the machine | converged |\n" +
                                   "| :- | -: | -: | -: | -: | -: | -: | -: | -: | :- |\n");
        foreach (var group in runs.GroupBy(r => r.Target))
        {
            var i = 0;
            foreach (var r in group)
            {
                sb.Append(Inv, $"| {r.Target} | {++i} | {Ms(r.EndToEnd.P50)} | {Ms(r.EndToEnd.P99)} | {Ms(r.EndToEnd.Max)} | {(r.Ack == null ? "n/a" : Ms(r.Ack.P99))} " +
                               $"| {Fmt(r.ServerCpuPercent, "%", "F1")} | {Fmt(r.ClientCpuPercent, "%", "F1")} | {Fmt(Math.Max(0, r.OtherCpuPercent), "%", "F0")} | {(r.Converged && r.MissingDeliveries == 0 ? "yes" : "**no**")} |\n");
            }
        }
        return sb.ToString();
    }

    public static void WriteJson(string path, Dictionary<string, string> machine, LoadOptions options, IReadOnlyList<LoadResult> results, IReadOnlyList<LoadResult> allRounds)
    {
        var json = JsonSerializer.Serialize(new { benchmark = "load", date = DateTime.UtcNow, machine, options, results, allRounds }, new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter() },
        });
        File.WriteAllText(path, json + "\n");
    }

    private static string Ratio(double reference, double ours) =>
        double.IsFinite(reference) && double.IsFinite(ours) && ours > 0 ? (reference / ours).ToString("F2", Inv) + "×" : "-";

    private static string Ms(double v) => v >= 100 ? v.ToString("F0", Inv) + " ms" : v >= 10 ? v.ToString("F1", Inv) + " ms" : v.ToString("F2", Inv) + " ms";

    private static string MiB(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", Inv) + " MiB";

    private static string Fmt(double v, string unit, string format) =>
        double.IsFinite(v) ? v.ToString(format, Inv) + (unit.Length == 0 ? "" : unit == "%" ? " %" : " " + unit) : "-";
}
