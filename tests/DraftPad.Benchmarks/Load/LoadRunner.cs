using System.Diagnostics;
using System.Globalization;

namespace DraftPad.Benchmarks.Load;

/// <summary>
/// One load run against one server: start it, connect the clients (staggered), let each edit on
/// its own schedule (phases spread over the interval), warm up, measure, stop editing, wait for the
/// acknowledgements and for every client to converge, then stop the server. With several DraftPad
/// nodes (on a Redis the run starts too) client i connects to node i % nodes, every process is
/// sampled, and every client must converge to every node's text.
/// </summary>
internal static class LoadRunner
{
    /// <summary>Client ids of the simulated editors: BaseClientId + index (uint32 like Yjs's random ids).</summary>
    public const ulong BaseClientId = 3_000_000_000;

    /// <param name="target">DraftPad or the reference.</param>
    /// <param name="o">Options.</param>
    /// <param name="http">For readiness and the convergence check.</param>
    /// <param name="gcPauses">This process's GC pauses.</param>
    /// <param name="seedText">The reference room's initial text (DraftPad's pad starts from its newsletter skeleton).</param>
    public static async Task<LoadResult> RunAsync(LoadTarget target, LoadOptions o, HttpClient http, GcPauseListener gcPauses, string? seedText = null)
    {
        var draftPad = target == LoadTarget.DraftPad;
        var name = Name(target, o);
        var multi = draftPad && o.Redis;
        Console.Error.WriteLine(multi ? $"[{name}] starting redis-server and {o.Nodes} node(s)" : $"[{name}] starting the server");
        // Stops every process (and removes its folder) at the end, on failure, and if this process dies.
        await using var servers = await LoadServers.StartAsync(target, o, http, seedText);
        var nodes = servers.Nodes;
        var processes = servers.All;
        var split = nodes.Count > 1;

        var registry = new SendRegistry();
        var freq = Stopwatch.Frequency;
        long Ticks(double ms) => (long)(ms * freq / 1000);
        var clients = new List<EditorClient>(o.Clients);
        var errors = new List<string>();
        try
        {
            // Connect, staggered; the measured window is fixed later, the samples read it then.
            var window = new MeasureWindow();
            var diagnosticsInWindow = new long[2]; // in the window, in all
            var connect = Stopwatch.StartNew();
            var starts = new List<Task>(o.Clients);
            for (var i = 0; i < o.Clients; i++)
            {
                var node = i % nodes.Count;
                var server = nodes[node];
                IFrameTransport transport = draftPad
                    ? new SignalRTransport(server.BaseUri, o.Pad, o.Protocol, () =>
                    {
                        if (window.Contains(Stopwatch.GetTimestamp())) Interlocked.Increment(ref diagnosticsInWindow[0]);
                        Interlocked.Increment(ref diagnosticsInWindow[1]);
                    })
                    : new WebSocketTransport(server.BaseUri, o.Pad);
                var client = new EditorClient(BaseClientId + (ulong)i, transport, registry, new ClientSamples(window, node, split), o, o.Seed * 7919 + i, node);
                clients.Add(client);
                starts.Add(client.StartAsync(CancellationToken.None));
                if (o.StaggerMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(o.StaggerMs));
            }
            await Task.WhenAll(starts).WaitAsync(TimeSpan.FromSeconds(120));
            await Task.WhenAll(clients.Select(c => c.Synced)).WaitAsync(TimeSpan.FromSeconds(60));
            var connectSeconds = connect.Elapsed.TotalSeconds;
            var initialText = clients[0].Snapshot().Text;
            Console.Error.WriteLine($"[{name}] {o.Clients} clients connected and synced in {connectSeconds:F1} s; editing");

            // Schedule: client i edits at t0 + i·interval/N + k·interval.
            var t0 = Stopwatch.GetTimestamp() + Ticks(200);
            var windowStart = t0 + Ticks(o.WarmupSeconds * 1000);
            var windowEnd = windowStart + Ticks(o.Seconds * 1000);
            window.Set(windowStart, windowEnd);
            var interval = Ticks(o.IntervalMs);
            var loops = clients.Select((c, i) => EditLoop(c, t0 + interval * i / o.Clients, interval, windowEnd)).ToList();

            await DelayUntil(windowStart);
            var serverStart = processes.Select(p => p.Sample()).ToArray();
            var clientStart = ProcStats.Sample(Environment.ProcessId);
            var gcStart = (Pause: GC.GetTotalPauseDuration(), Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
            var machineStart = ProcStats.MachineCpu();
            var processesStart = ProcStats.AllProcesses();
            var peakRssEach = serverStart.Select(p => p.RssBytes).ToArray();
            long peakRss = peakRssEach.Sum();
            void SampleRss(ProcSample[] samples)
            {
                for (var k = 0; k < samples.Length; k++) peakRssEach[k] = Math.Max(peakRssEach[k], samples[k].RssBytes);
                peakRss = Math.Max(peakRss, samples.Sum(p => p.RssBytes));
            }
            while (Stopwatch.GetTimestamp() < windowEnd)
            {
                await Task.Delay(500);
                if (processes.FirstOrDefault(p => p.HasExited) is { } dead) throw new InvalidOperationException($"{dead.Name} exited during the run; log:\n{dead.LogTail()}");
                SampleRss(processes.Select(p => p.Sample()).ToArray());
            }
            var serverEnd = processes.Select(p => p.Sample()).ToArray();
            var clientEnd = ProcStats.Sample(Environment.ProcessId);
            var gcEnd = (Pause: GC.GetTotalPauseDuration(), Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
            var machineEnd = ProcStats.MachineCpu();
            var processesEnd = ProcStats.AllProcesses();
            SampleRss(serverEnd);
            await Task.WhenAll(loops);
            Console.Error.WriteLine($"[{name}] window over; draining");

            // Drain: acknowledgements, then every client's text equal to the server's.
            var drain = Stopwatch.StartNew();
            var drainLimit = TimeSpan.FromSeconds(o.DrainSeconds);
            try
            {
                await Task.WhenAll(clients.Select(c => c.AcksDone)).WaitAsync(drainLimit);
            }
            catch (TimeoutException)
            {
                errors.Add($"not every send was acknowledged within {o.DrainSeconds} s");
            }
            var (converged, detail, serverText) = await WaitForConvergence(nodes, target, o, http, clients, drainLimit - drain.Elapsed, registry, window);
            var final = processes.Select(p => p.Sample()).ToArray();

            var (sentTotal, sentInWindow) = registry.Count(windowStart, windowEnd);
            var deliveredTotal = clients.Sum(c => c.Samples.DeliveredTotal);
            var e2e = LatencySummary.Of(clients.Select(c => c.Samples.Deliveries));
            var perSecond = LatencySummary.PerSecond(clients.Select(c => c.Samples), windowStart, (int)Math.Ceiling(o.Seconds));
            // The same deliveries without those that overlapped one of this process's GC pauses.
            var pauses = gcPauses.Pauses(windowStart, long.MaxValue);
            var outsideGc = clients.Select(c => c.Samples.Deliveries
                .Where((ms, i) => !GcPauseListener.Overlaps(pauses, c.Samples.DeliverySendTimes[i], c.Samples.DeliverySendTimes[i] + (long)(ms * freq / 1000)))
                .ToList()).ToList();
            var e2eOutsideGc = LatencySummary.Of(outsideGc);
            var ack = draftPad ? LatencySummary.Of(clients.Select(c => c.Samples.Acks)) : null;
            var sameNode = split ? LatencySummary.Of(clients.Select(c => c.Samples.SameNode)) : null;
            var crossNode = split ? LatencySummary.Of(clients.Select(c => c.Samples.CrossNode)) : null;
            errors.AddRange(clients.Where(c => c.FirstError != null).Select(c => $"client {c.ClientId - BaseClientId}: {c.FirstError}").Take(5));
            if (clients.Any(c => !c.Snapshot().ClockConsistent)) errors.Add("a client's own clock disagrees with its state vector");
            var wallSeconds = (serverEnd[0].WallTimestamp - serverStart[0].WallTimestamp) / (double)freq;
            var (busy0, total0) = machineStart;
            var (busy1, total1) = machineEnd;
            var machineBusy = total1 > total0 ? 100.0 * (busy1 - busy0) / (total1 - total0) : double.NaN;
            var usage = processes.Select((p, k) => new ProcessUsage(
                p.Name,
                p == servers.Redis ? null : clients.Count(c => nodes[c.Node] == p),
                100 * (serverEnd[k].CpuSeconds - serverStart[k].CpuSeconds) / wallSeconds,
                serverEnd[k].CpuSeconds - serverStart[k].CpuSeconds,
                peakRssEach[k],
                final[k].RssBytes,
                final[k].PeakRssBytes)).ToList();
            var serverCpuSeconds = usage.Sum(u => u.CpuSeconds);
            var serverCpu = 100 * serverCpuSeconds / wallSeconds;
            var clientCpu = 100 * (clientEnd.CpuSeconds - clientStart.CpuSeconds) / wallSeconds;
            var others = ProcStats.TopOthers(processesStart, processesEnd, new HashSet<int>(processes.Select(p => p.Pid)) { Environment.ProcessId }, 3)
                .Where(p => p.CpuSeconds / wallSeconds >= 0.01)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {100 * p.CpuSeconds / wallSeconds:F0} %"))
                .ToList();
            return new LoadResult
            {
                Target = name,
                Server = !draftPad ? "yws-server.mjs (yjs 13.6.33, y-protocols 1.0.7, ws; in memory)"
                    : !o.Redis ? "DraftPad.Server (SQLite, synchronous=FULL)"
                    : o.Nodes == 1 ? "DraftPad.Server on redis-server (Storage:Provider=Redis)"
                    : $"{o.Nodes} × DraftPad.Server on one redis-server (Storage:Provider=Redis), client i → node i % {o.Nodes}",
                Transport = draftPad ? $"SignalR WebSockets, {(o.Protocol == HubProtocolKind.MessagePack ? "MessagePack" : "JSON")}" : "raw WebSocket (y-websocket framing)",
                Persistent = draftPad,
                Durability = !draftPad ? "none (memory only)"
                    : !o.Redis ? "stored (fsync) before ack and relay"
                    : "in Redis's append-only file (appendfsync always) before ack and relay",
                Nodes = nodes.Count,
                ServerProcesses = usage,
                EndToEndSameNode = sameNode,
                EndToEndCrossNode = crossNode,
                Clients = o.Clients,
                WindowSeconds = o.Seconds,
                UpdatesPerSecond = sentInWindow / o.Seconds,
                DeliveriesPerSecond = e2e.Count / o.Seconds,
                SentInWindow = sentInWindow,
                SentTotal = sentTotal,
                DeliveredTotal = deliveredTotal,
                MissingDeliveries = sentTotal * (o.Clients - 1) - deliveredTotal,
                InitialText = initialText,
                DiagnosticsInWindow = draftPad ? Interlocked.Read(ref diagnosticsInWindow[0]) : null,
                DiagnosticsTotal = draftPad ? Interlocked.Read(ref diagnosticsInWindow[1]) : null,
                EndToEnd = e2e,
                EndToEndOutsideClientGc = e2eOutsideGc,
                ClientGcPauseMsListener = gcPauses.TotalMs(windowStart, windowEnd),
                P99PerSecond = perSecond.Select(p => p.P99).ToList(),
                MaxPerSecond = perSecond.Select(p => p.Max).ToList(),
                Ack = ack,
                AckErrors = clients.Sum(c => c.AckErrors),
                Converged = converged,
                ConvergenceDetail = detail,
                ServerTextLength = serverText?.Length ?? -1,
                ServerCpuSeconds = serverCpuSeconds,
                ServerCpuPercent = serverCpu,
                ServerRssPeakWindowBytes = peakRss,
                ServerRssFinalBytes = final.Sum(f => f.RssBytes),
                ServerVmHwmBytes = final.Sum(f => f.PeakRssBytes),
                ClientCpuPercent = clientCpu,
                ClientRssBytes = clientEnd.RssBytes,
                ClientGc = string.Create(CultureInfo.InvariantCulture,
                    $"{(gcEnd.Pause - gcStart.Pause).TotalMilliseconds:F0} ms paused; {gcEnd.Gen0 - gcStart.Gen0}/{gcEnd.Gen1 - gcStart.Gen1}/{gcEnd.Gen2 - gcStart.Gen2} gen0/1/2"),
                MachineBusyPercent = machineBusy,
                OtherCpuPercent = machineBusy * Environment.ProcessorCount - serverCpu - clientCpu,
                OtherProcesses = others,
                SlowPathUpdates = clients.Sum(c => c.SlowPathUpdates),
                ConnectSeconds = connectSeconds,
                Errors = errors,
            };
        }
        catch (Exception e)
        {
            if (!multi)
            {
                servers.KeepFiles();
                throw new InvalidOperationException($"{name} run failed: {e.GetBaseException().Message} (server log kept: {nodes[0].LogPath})", e);
            }
            // Several processes: their folders are removed all the same (unless --keep-data); the logs' tails go with the error.
            throw new InvalidOperationException($"{name} run failed: {e.GetBaseException().Message}\n{servers.LogTails()}", e);
        }
        finally
        {
            Console.Error.WriteLine(multi ? $"[{name}] disconnecting and stopping the nodes and redis-server" : $"[{name}] disconnecting and stopping the server");
            await Task.WhenAll(clients.Select(async c =>
            {
                try
                {
                    await c.DisposeAsync();
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine($"  close: {e.GetBaseException().Message}");
                }
            }));
        }
    }

    /// <summary>The target's name in the tables: "DraftPad", "DraftPad (Redis)", "DraftPad ×2 nodes (Redis)" or the reference's.</summary>
    public static string Name(LoadTarget target, LoadOptions o) =>
        target != LoadTarget.DraftPad ? "y-websocket (node)"
        : !o.Redis ? "DraftPad"
        : o.Nodes == 1 ? "DraftPad (Redis)"
        : $"DraftPad ×{o.Nodes} nodes (Redis)";

    private static async Task EditLoop(EditorClient client, long first, long interval, long end)
    {
        for (var due = first; due < end; due += interval)
        {
            await DelayUntil(due);
            client.Edit();
        }
    }

    private static async Task DelayUntil(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }

    /// <summary>
    /// For a failed convergence with several nodes: the earliest-sent edit some differing client
    /// still lacks (by state vector), who sent it through which node, and how many clients lack it.
    /// Edits that depend on a missing one stay pending, so the earliest is the one to look for.
    /// </summary>
    private static string EarliestMissing(IReadOnlyList<ServerProcess> nodes, List<EditorClient> clients, List<string> clientTexts,
        string serverText, SendRegistry registry, MeasureWindow window)
    {
        var behind = clients.Where((c, k) => clientTexts[k] != serverText).ToList();
        (EditorClient Sender, SendRecord Edit)? earliest = null;
        foreach (var sender in clients)
        {
            foreach (var receiver in behind)
            {
                if (receiver == sender || registry.FirstAfter(sender.ClientId, receiver.KnownClock(sender.ClientId)) is not { } edit) continue;
                if (earliest == null || edit.Timestamp < earliest.Value.Edit.Timestamp) earliest = (sender, edit);
            }
        }
        // Received but not integrated: what the stuck clients' pending structs wait for.
        var waiting = behind.SelectMany(c => c.PendingMissing()).GroupBy(p => (p.Key, p.Value))
            .OrderByDescending(g => g.Count()).Take(3)
            .Select(g => string.Create(CultureInfo.InvariantCulture,
                $"{(g.Key.Key >= BaseClientId && g.Key.Key < BaseClientId + (ulong)clients.Count ? $"client {g.Key.Key - BaseClientId}" : $"client id {g.Key.Key}")} clock {g.Key.Value} ({g.Count()} clients)"))
            .ToList();
        var pending = string.Create(CultureInfo.InvariantCulture,
            $"; {behind.Count(c => c.PendingMissing().Count > 0)} of them hold pending structs{(waiting.Count > 0 ? ", waiting for " + string.Join(", ", waiting) : "")}");
        if (earliest is not { } e) return pending;
        var lacking = behind.Where(r => r != e.Sender && r.KnownClock(e.Sender.ClientId) < e.Edit.End).ToList();
        var at = (e.Edit.Timestamp - window.Start) / (double)Stopwatch.Frequency;
        return string.Create(CultureInfo.InvariantCulture,
            $"; earliest edit they lack: client {e.Sender.ClientId - BaseClientId} on {nodes[e.Sender.Node].Name}, clocks {e.Edit.Start}–{e.Edit.End}, " +
            $"sent at {at:+0.0;-0.0} s from the window's start, lacked by {lacking.Count} clients ({string.Join(", ", nodes.Select((n, k) => $"{lacking.Count(r => r.Node == k)} on {n.Name}"))})") + pending;
    }

    /// <summary>
    /// Polls the server's text until every client's equals it, or the time is up. With several nodes,
    /// every client must equal every node's text (so the nodes agree too).
    /// </summary>
    private static async Task<(bool Converged, string Detail, string? ServerText)> WaitForConvergence(
        IReadOnlyList<ServerProcess> nodes, LoadTarget target, LoadOptions o, HttpClient http, List<EditorClient> clients, TimeSpan limit,
        SendRegistry registry, MeasureWindow window)
    {
        var urls = nodes.Select(server => target == LoadTarget.DraftPad
            ? new Uri(server.BaseUri, $"/api/pads/{o.Pad}/markdown")
            : new Uri(server.BaseUri, $"/rooms/{Uri.EscapeDataString(o.Pad)}/text")).ToList();
        var deadline = Stopwatch.StartNew();
        var minimum = TimeSpan.FromSeconds(1);
        while (true)
        {
            var serverTexts = await Task.WhenAll(urls.Select(u => http.GetStringAsync(u)));
            var serverText = serverTexts[0];
            var clientTexts = clients.Select(c => c.Snapshot().Text).ToList();
            if (nodes.Count == 1)
            {
                var differing = clientTexts.Count(t => t != serverText);
                if (differing == 0) return (true, $"all {clients.Count} clients equal the server's text ({serverText.Length} chars)", serverText);
                if (deadline.Elapsed > (limit > minimum ? limit : minimum))
                {
                    return (false, $"{differing} of {clients.Count} clients differ from the server's text ({serverText.Length} chars)", serverText);
                }
            }
            else
            {
                // Each (client, node) pair: the client's text against that node's /api/pads/{id}/markdown.
                var differingPerNode = serverTexts.Select(text => clientTexts.Count(t => t != text)).ToList();
                if (differingPerNode.All(d => d == 0))
                {
                    return (true, $"all {clients.Count} clients equal each of the {nodes.Count} nodes' text ({serverText.Length} chars)", serverText);
                }
                if (deadline.Elapsed > (limit > minimum ? limit : minimum))
                {
                    var perNode = string.Join(", ", nodes.Select((n, k) => $"{n.Name} ({serverTexts[k].Length} chars): {differingPerNode[k]}"));
                    // Where the differing clients are connected, and how far behind they are.
                    var behind = clients.Select((c, k) => (c.Node, Text: clientTexts[k])).Where(c => c.Text != serverText).ToList();
                    var byNode = string.Join(", ", nodes.Select((n, k) =>
                    {
                        var mine = behind.Where(b => b.Node == k).ToList();
                        return mine.Count == 0 ? $"{n.Name} 0" : $"{n.Name} {mine.Count} ({mine.Min(b => b.Text.Length)}–{mine.Max(b => b.Text.Length)} chars)";
                    }));
                    return (false, $"clients differing from each node's text: {perNode}; differing clients by the node they are connected to: {byNode}" +
                                   EarliestMissing(nodes, clients, clientTexts, serverText, registry, window), serverText);
                }
            }
            await Task.Delay(250);
        }
    }
}
