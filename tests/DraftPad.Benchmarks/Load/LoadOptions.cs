using System.Globalization;

namespace DraftPad.Benchmarks.Load;

/// <summary>Which server(s) the load benchmark runs against.</summary>
internal enum LoadTarget { DraftPad, Yws, Both }

/// <summary>The SignalR hub protocol the DraftPad clients speak.</summary>
internal enum HubProtocolKind { MessagePack, Json }

/// <summary>Command line of <c>DraftPad.Benchmarks load</c>.</summary>
internal sealed record LoadOptions
{
    public const string Usage =
        "usage: DraftPad.Benchmarks load [--clients 100] [--seconds 30] [--interval-ms 500] [--warmup-seconds 5]\n" +
        "       [--protocol messagepack|json] [--target draftpad|yws|both] [--json FILE]\n" +
        "       [--chars MIN-MAX] [--stagger-ms 10] [--drain-seconds 20] [--messages-per-second N] [--pad YYYY-MM]\n" +
        "       [--rounds N] [--keep-data] [--data-root DIR] [--server-env NAME=VALUE ...] [--seed N]\n" +
        "       [--nodes N] [--redis]\n" +
        "N clients on one pad, each inserting a few characters at a random position every interval and sending\n" +
        "the update; reports updates/s, end-to-end latency (sender → every receiver), ack latency, server and\n" +
        "client CPU and memory. DraftPad runs as a separate process (server/DraftPad.Server Release build);\n" +
        "the reference is tests/load-bench/yws-server.mjs (stock yjs + y-protocols + ws, no persistence).\n" +
        "--nodes N (N > 1 implies --redis): the benchmark starts its own redis-server (loopback, temporary folder,\n" +
        "appendonly yes, appendfsync always) and N DraftPad nodes on it (Storage:Provider=Redis, one key prefix);\n" +
        "client i connects to node i % N, so senders and receivers sit on different nodes; CPU and RSS are\n" +
        "reported per node and for Redis, and every client must converge to every node's text.\n" +
        "--redis alone: one node storing in that Redis instead of SQLite (the cost of the store without the second node).";

    /// <summary>Editors on the pad.</summary>
    public int Clients { get; init; } = 100;

    /// <summary>Length of the measured window.</summary>
    public double Seconds { get; init; } = 30;

    /// <summary>Time between two edits of one client.</summary>
    public double IntervalMs { get; init; } = 500;

    /// <summary>Editing before the measured window (not reported).</summary>
    public double WarmupSeconds { get; init; } = 5;

    public HubProtocolKind Protocol { get; init; } = HubProtocolKind.MessagePack;

    public LoadTarget Target { get; init; } = LoadTarget.Both;

    public string? JsonPath { get; init; }

    /// <summary>Characters per edit: a random count in [MinChars, MaxChars].</summary>
    public int MinChars { get; init; } = 2;

    public int MaxChars { get; init; } = 6;

    /// <summary>Delay between two client connections at start-up.</summary>
    public double StaggerMs { get; init; } = 10;

    /// <summary>How long to wait after the last edit for every delivery (and the convergence check).</summary>
    public double DrainSeconds { get; init; } = 20;

    /// <summary>Overrides the server's per-connection rate limit (Limits:MessagesPerSecond) when set.</summary>
    public int? MessagesPerSecond { get; init; }

    /// <summary>Pad id; default the current month's (which anonymous users may create on Join).</summary>
    public string Pad { get; init; } = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Keep the server's temporary data directory (and its log) after the run.</summary>
    public bool KeepData { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>
    /// Runs per target, alternating targets (DraftPad, reference, DraftPad, …); the main table shows
    /// each target's run with the median p99. For a shared or noisy machine.
    /// </summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Extra environment variables for the DraftPad server process (diagnostics, e.g. DOTNET_gcServer=0).</summary>
    public IReadOnlyList<string> ServerEnv { get; init; } = [];

    /// <summary>
    /// Where the server's temporary directory is created (default the system temp folder). A tmpfs such
    /// as /dev/shm makes DraftPad's fsyncs free: a diagnostic for how much of the latency is the disk.
    /// </summary>
    public string? DataRoot { get; init; }

    /// <summary>DraftPad server nodes; more than one implies <see cref="Redis"/> (client i connects to node i % Nodes).</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>DraftPad stores in a redis-server the benchmark starts (Storage:Provider=Redis) instead of SQLite.</summary>
    public bool Redis { get; init; }

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            double Dbl() => double.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--clients" => o with { Clients = Int() },
                "--seconds" => o with { Seconds = Dbl() },
                "--interval-ms" => o with { IntervalMs = Dbl() },
                "--warmup-seconds" => o with { WarmupSeconds = Dbl() },
                "--protocol" => o with
                {
                    Protocol = Next().ToLowerInvariant() switch
                    {
                        "messagepack" or "msgpack" => HubProtocolKind.MessagePack,
                        "json" => HubProtocolKind.Json,
                        var p => throw new ArgumentException($"--protocol: unknown protocol {p} (messagepack or json)"),
                    },
                },
                "--target" => o with
                {
                    Target = Next().ToLowerInvariant() switch
                    {
                        "draftpad" => LoadTarget.DraftPad,
                        "yws" => LoadTarget.Yws,
                        "both" => LoadTarget.Both,
                        var t => throw new ArgumentException($"--target: unknown target {t} (draftpad, yws or both)"),
                    },
                },
                "--json" => o with { JsonPath = Path.GetFullPath(Next()) },
                "--chars" => ParseChars(o, Next()),
                "--stagger-ms" => o with { StaggerMs = Dbl() },
                "--drain-seconds" => o with { DrainSeconds = Dbl() },
                "--messages-per-second" => o with { MessagesPerSecond = Int() },
                "--pad" => o with { Pad = Next() },
                "--keep-data" => o with { KeepData = true },
                "--seed" => o with { Seed = Int() },
                "--rounds" => o with { Rounds = Math.Max(1, Int()) },
                "--server-env" => o with { ServerEnv = [.. o.ServerEnv, Next()] },
                "--data-root" => o with { DataRoot = Path.GetFullPath(Next()) },
                "--nodes" => o with { Nodes = Int() },
                "--redis" => o with { Redis = true },
                _ => throw new ArgumentException($"load: unknown argument {args[i]}\n{Usage}"),
            };
        }
        if (o.Clients < 2) throw new ArgumentException("--clients must be at least 2 (someone has to receive)");
        if (o.Seconds <= 0 || o.IntervalMs <= 0 || o.WarmupSeconds < 0) throw new ArgumentException("--seconds and --interval-ms must be positive, --warmup-seconds not negative");
        if (o.Nodes < 1) throw new ArgumentException("--nodes must be at least 1");
        if (o.Nodes > o.Clients) throw new ArgumentException("--nodes must not exceed --clients (every node needs a client)");
        if (o.Nodes > 1) o = o with { Redis = true };
        if (o.Redis && o.Target == LoadTarget.Yws) throw new ArgumentException("--nodes and --redis apply to DraftPad: use --target draftpad or both");
        return o;
    }

    private static LoadOptions ParseChars(LoadOptions o, string value)
    {
        var parts = value.Split('-', 2);
        var min = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var max = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : min;
        if (min < 1 || max < min) throw new ArgumentException("--chars: expected N or MIN-MAX with 1 <= MIN <= MAX");
        return o with { MinChars = min, MaxChars = max };
    }
}
