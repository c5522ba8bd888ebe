namespace DraftPad.Benchmarks.Load;

/// <summary>
/// The server side of one load run: one server (DraftPad on SQLite, or the reference), or a
/// redis-server and <see cref="LoadOptions.Nodes"/> DraftPad nodes sharing it (one key prefix).
/// Disposing stops the nodes (gracefully, in parallel), then Redis, and removes their temporary
/// directories; a crash or Ctrl+C of this process kills them all (<see cref="ExitGuard"/>).
/// </summary>
internal sealed class LoadServers : IAsyncDisposable
{
    private readonly List<ServerProcess> _nodes = new();
    private ExitGuard? _guard;

    private LoadServers()
    {
    }

    /// <summary>The servers the clients connect to (client i → node i % count).</summary>
    public IReadOnlyList<ServerProcess> Nodes => _nodes;

    /// <summary>The Redis the nodes store in; null for a single SQLite node or the reference.</summary>
    public ServerProcess? Redis { get; private set; }

    /// <summary>Every process of the server side: the nodes, then Redis.</summary>
    public IReadOnlyList<ServerProcess> All => Redis == null ? _nodes : [.. _nodes, Redis];

    /// <summary>Starts the servers and waits until each one is ready; stops what it started when one fails.</summary>
    public static async Task<LoadServers> StartAsync(LoadTarget target, LoadOptions o, HttpClient http, string? seedText)
    {
        var servers = new LoadServers();
        servers._guard = new ExitGuard(servers);
        try
        {
            if (target != LoadTarget.DraftPad)
            {
                servers._nodes.Add(ServerProcess.StartYws(o, seedText));
            }
            else if (!o.Redis)
            {
                servers._nodes.Add(ServerProcess.StartDraftPad(o));
            }
            else
            {
                servers.Redis = ServerProcess.StartRedis(o);
                await servers.Redis.WaitRedisReadyAsync();
                var settings = (servers.Redis.RedisConfiguration, KeyPrefix: "draftpad-load:");
                for (var i = 0; i < o.Nodes; i++)
                {
                    servers._nodes.Add(ServerProcess.StartDraftPad(o, settings, o.Nodes == 1 ? "DraftPad" : $"DraftPad node {(char)('A' + i)}"));
                }
            }
            await Task.WhenAll(servers._nodes.Select(n => n.WaitReadyAsync(http)));
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Keep every temporary directory (logs, data) after the stop.</summary>
    public void KeepFiles()
    {
        foreach (var p in All) p.KeepFiles = true;
    }

    /// <summary>The last lines of every process's log, for an error message.</summary>
    public string LogTails(int lines = 15) =>
        string.Join("\n", All.Select(p => $"--- {p.Name}, last lines of its log:\n{p.LogTail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Nodes first (they flush to Redis on SIGTERM), then Redis.
            await Task.WhenAll(_nodes.Select(async n =>
            {
                try
                {
                    await n.DisposeAsync();
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    Console.Error.WriteLine($"  stopping {n.Name}: {e.Message}");
                }
            }));
            if (Redis != null) await Redis.DisposeAsync();
        }
        finally
        {
            _guard?.Dispose();
            _guard = null;
        }
    }

    /// <summary>Kills the servers (and removes their folders) if this process exits or is interrupted with Ctrl+C while they run.</summary>
    private sealed class ExitGuard : IDisposable
    {
        private readonly LoadServers _servers;
        private readonly EventHandler _onExit;
        private readonly ConsoleCancelEventHandler _onCancel;

        public ExitGuard(LoadServers servers)
        {
            _servers = servers;
            _onExit = (_, _) => KillAll();
            _onCancel = (_, _) => KillAll();
            AppDomain.CurrentDomain.ProcessExit += _onExit;
            AppDomain.CurrentDomain.UnhandledException += OnUnhandled;
            Console.CancelKeyPress += _onCancel;
        }

        private void KillAll()
        {
            foreach (var p in _servers.All) p.KillNow(removeFiles: true);
        }

        private void OnUnhandled(object sender, UnhandledExceptionEventArgs e) => KillAll();

        public void Dispose()
        {
            AppDomain.CurrentDomain.ProcessExit -= _onExit;
            AppDomain.CurrentDomain.UnhandledException -= OnUnhandled;
            Console.CancelKeyPress -= _onCancel;
        }
    }
}
