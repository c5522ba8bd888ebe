using System.Diagnostics;
using System.Text.Json;

namespace DraftPad.Benchmarks.Load;

/// <summary>
/// <c>DraftPad.Benchmarks load</c>: the load benchmark of the pad hub. N editors on one pad, each
/// sending a small update every interval, against the real DraftPad server (a separate process)
/// and, as the reference, a y-websocket-style node server on the stock yjs/y-protocols/ws packages.
/// Files: LoadOptions (command line), ServerProcess + ProcStats (child servers, CPU and memory from
/// /proc), Transports + EditorClient (SignalR and raw WebSocket clients with a y-protocols loop),
/// LatencyRecorder (send registry, samples, percentiles), LoadServers (the server side of a run: one
/// server, or redis-server + N DraftPad nodes with --nodes), LoadRunner (one run), LoadReport (tables, JSON).
/// </summary>
internal static class LoadBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(LoadOptions o)
    {
        var targets = o.Target switch
        {
            LoadTarget.DraftPad => new[] { LoadTarget.DraftPad },
            LoadTarget.Yws => [LoadTarget.Yws],
            _ => [LoadTarget.DraftPad, LoadTarget.Yws],
        };
        // Many connections start at once: let the pool grow without its injection delay.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));

        var withNode = targets.Contains(LoadTarget.Yws);
        var machine = Report.Machine(withNode ? NodeVersion() : null, withNode ? YjsVersion() : null);
        if (!withNode) machine["node"] = "not run (--target draftpad)";
        if (o.Redis) machine["redis-server"] = ServerProcess.RedisVersion() ?? $"{ServerProcess.RedisBinary} not found";
        Console.WriteLine($"# DraftPad load benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n");
        Console.WriteLine(Report.MachineTable(machine));
        Console.WriteLine(LoadReport.Setup(o));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var gcPauses = new GcPauseListener();
        var rounds = targets.ToDictionary(t => t, _ => new List<LoadResult>());
        var failures = new List<string>();
        for (var round = 1; round <= o.Rounds; round++)
        {
            foreach (var target in targets)
            {
                if (o.Rounds > 1) Console.Error.WriteLine($"round {round}/{o.Rounds}");
                // The reference room starts from the same text as DraftPad's pad (its newsletter skeleton).
                var seed = target == LoadTarget.Yws && rounds.TryGetValue(LoadTarget.DraftPad, out var dpRuns) && dpRuns.Count > 0 ? dpRuns[^1].InitialText : null;
                try
                {
                    rounds[target].Add(await LoadRunner.RunAsync(target, o, http, gcPauses, seed));
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException
                                               or Microsoft.AspNetCore.SignalR.HubException or System.Net.WebSockets.WebSocketException)
                {
                    Console.Error.WriteLine($"error: {e.Message}");
                    failures.Add($"round {round}, {LoadRunner.Name(target, o)}: {e.Message}");
                }
                // Let the machine settle between two servers.
                await Task.Delay(2000);
            }
        }
        foreach (var failure in failures) Console.WriteLine($"FAILED: {failure}\n");
        if (targets.Any(t => rounds[t].Count == 0)) return 1;
        // Each target's run with the median p99 (the only run when --rounds is 1).
        var results = targets.Select(t => rounds[t].OrderBy(r => r.EndToEnd.P99).ElementAt((rounds[t].Count - 1) / 2)).ToList();

        if (o.Rounds > 1)
        {
            Console.WriteLine($"## All {o.Rounds} rounds (the table below shows each target's median-p99 round)\n");
            Console.WriteLine(LoadReport.Rounds(targets.SelectMany(t => rounds[t]).ToList()));
        }
        Console.WriteLine(LoadReport.Table(results));
        Console.WriteLine(LoadReport.Histogram(results));
        Console.WriteLine(LoadReport.OverTime(results));
        if (results.FirstOrDefault(r => r.Persistent) is { } dp) Console.WriteLine(LoadReport.TargetLine(dp));
        var ok = failures.Count == 0;
        foreach (var r in results)
        {
            var good = r.Converged && r.MissingDeliveries == 0 && r.AckErrors == 0 && r.Errors.Count == 0;
            ok &= good;
            Console.WriteLine($"{r.Target}: {(good ? "PASS" : "FAIL")} — {r.ConvergenceDetail}; {r.MissingDeliveries} missing deliveries" +
                              $"{(r.AckErrors > 0 ? $"; {r.AckErrors} failed sends" : "")}{(r.Errors.Count > 0 ? "; " + string.Join("; ", r.Errors) : "")}" +
                              $" ({r.SlowPathUpdates} updates matched by state-vector comparison).");
        }
        // A failed round that is not the one shown above must not hide behind its PASS.
        foreach (var t in targets)
        {
            for (var k = 0; k < rounds[t].Count; k++)
            {
                var r = rounds[t][k];
                if (results.Contains(r) || (r.Converged && r.MissingDeliveries == 0 && r.AckErrors == 0 && r.Errors.Count == 0)) continue;
                ok = false;
                Console.WriteLine($"{r.Target}, round {k + 1}: FAIL — {r.ConvergenceDetail}; {r.MissingDeliveries} missing deliveries" +
                                  $"{(r.AckErrors > 0 ? $"; {r.AckErrors} failed sends" : "")}{(r.Errors.Count > 0 ? "; " + string.Join("; ", r.Errors) : "")}" +
                                  $" ({r.SlowPathUpdates} updates matched by state-vector comparison).");
            }
        }
        foreach (var r in results.Where(r => r.OtherCpuPercent > 25))
        {
            Console.WriteLine($"Warning: during the {r.Target} window the rest of the machine used {r.OtherCpuPercent:F0} % of a core " +
                              "(another workload?): its latencies are disturbed; re-run on a quiet machine or with --rounds.");
        }
        if (o.JsonPath != null)
        {
            LoadReport.WriteJson(o.JsonPath, machine, o, results, targets.SelectMany(t => rounds[t]).ToList());
            Console.Error.WriteLine($"wrote {o.JsonPath}");
        }
        return ok ? 0 : 1;
    }

    private static string? NodeVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(ServerProcess.Node, "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (p == null) return null;
            var v = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return v;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? YjsVersion()
    {
        string? Version(string package)
        {
            var file = Path.Combine(ServerProcess.LoadBenchDir, "node_modules", package, "package.json");
            return File.Exists(file) ? JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("version").GetString() : null;
        }
        var yjs = Version("yjs");
        return yjs == null ? null : $"{yjs} (y-protocols {Version("y-protocols")}, lib0 {Version("lib0")}, ws {Version("ws")})";
    }
}
