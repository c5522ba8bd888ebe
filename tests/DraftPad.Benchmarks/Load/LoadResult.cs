namespace DraftPad.Benchmarks.Load;

/// <summary>CPU and memory of one server-side process (a DraftPad node, the reference, or Redis) over the measured window.</summary>
/// <param name="Name">"DraftPad", "DraftPad node A", "redis-server", …</param>
/// <param name="Clients">Benchmark clients connected to it (null for Redis).</param>
/// <param name="CpuPercent">CPU in the window, % of one core.</param>
internal sealed record ProcessUsage(
    string Name, int? Clients, double CpuPercent, double CpuSeconds, long RssPeakWindowBytes, long RssFinalBytes, long VmHwmBytes);

/// <summary>The outcome of the load run against one server.</summary>
internal sealed class LoadResult
{
    public required string Target { get; init; }
    public required string Server { get; init; }
    public required string Transport { get; init; }
    public required bool Persistent { get; init; }

    /// <summary>What "stored" means for this server (durability row of the table).</summary>
    public required string Durability { get; init; }

    /// <summary>Server nodes the clients were spread over (client i → node i % Nodes).</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Every server-side process (nodes, then Redis); the Server* totals below add them up.</summary>
    public List<ProcessUsage> ServerProcesses { get; init; } = [];

    /// <summary>With several nodes: end-to-end latency of deliveries between clients of the same node.</summary>
    public LatencySummary? EndToEndSameNode { get; init; }

    /// <summary>With several nodes: end-to-end latency of deliveries from a client of another node (through Redis).</summary>
    public LatencySummary? EndToEndCrossNode { get; init; }
    public required int Clients { get; init; }
    public required double WindowSeconds { get; init; }

    /// <summary>The pad's text before the first edit.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string InitialText { get; init; } = "";

    public int InitialTextLength => InitialText.Length;

    /// <summary>Live-lint pushes (<c>Diagnostics</c>) the DraftPad clients received during the window, all clients together.</summary>
    public long? DiagnosticsInWindow { get; init; }

    /// <summary>Live-lint pushes received over the whole run (connect to disconnect).</summary>
    public long? DiagnosticsTotal { get; init; }

    /// <summary>Edits sent during the measured window, per second.</summary>
    public required double UpdatesPerSecond { get; init; }

    /// <summary>Deliveries (sender → one receiver) of edits sent in the window, per second.</summary>
    public required double DeliveriesPerSecond { get; init; }

    public required long SentInWindow { get; init; }
    public required long SentTotal { get; init; }
    public required long DeliveredTotal { get; init; }

    /// <summary>Deliveries that never happened: every edit should reach the other clients − 1.</summary>
    public required long MissingDeliveries { get; init; }

    public required LatencySummary EndToEnd { get; init; }

    /// <summary>
    /// End-to-end latency of the deliveries that did not overlap a GC pause of the load generator
    /// (approximately the server's share; slightly optimistic, as long deliveries overlap pauses more often).
    /// </summary>
    public required LatencySummary EndToEndOutsideClientGc { get; init; }

    /// <summary>The load generator's GC pause time in the window as the runtime's GC events report it.</summary>
    public required double ClientGcPauseMsListener { get; init; }

    /// <summary>End-to-end p99 per second of the window (by send time).</summary>
    public required List<double> P99PerSecond { get; init; }

    /// <summary>End-to-end maximum per second of the window (by send time).</summary>
    public required List<double> MaxPerSecond { get; init; }

    /// <summary>Send → acknowledgement (Send completed, i.e. stored); null when the transport has no acks.</summary>
    public LatencySummary? Ack { get; init; }

    public required long AckErrors { get; init; }
    public required bool Converged { get; init; }
    public required string ConvergenceDetail { get; init; }
    public required int ServerTextLength { get; init; }

    /// <summary>CPU of all server-side processes together, % of one core (one process unless several nodes or Redis).</summary>
    public required double ServerCpuPercent { get; init; }
    public required double ServerCpuSeconds { get; init; }
    /// <summary>Peak over the window's samples of the server-side processes' summed RSS.</summary>
    public required long ServerRssPeakWindowBytes { get; init; }
    public required long ServerRssFinalBytes { get; init; }
    public required long ServerVmHwmBytes { get; init; }
    public required double ClientCpuPercent { get; init; }
    public required double MachineBusyPercent { get; init; }

    /// <summary>RSS of the load generator (this process) at the end of the window.</summary>
    public required long ClientRssBytes { get; init; }

    /// <summary>The load generator's garbage collections in the window.</summary>
    public required string ClientGc { get; init; }

    /// <summary>CPU the rest of the machine used in the window (kernel work on nobody's account included), % of one core.</summary>
    public required double OtherCpuPercent { get; init; }

    /// <summary>The busiest other processes in the window ("name N %").</summary>
    public required List<string> OtherProcesses { get; init; }
    public required long SlowPathUpdates { get; init; }
    public required double ConnectSeconds { get; init; }
    public List<string> Errors { get; init; } = [];
}
