using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DraftPad.Server.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> for one test fixture: on a free loopback port, in its own temporary
/// folder, with append-only persistence fsynced on every write (what production needs for the
/// no-loss guarantee). The binary is <c>DRAFTPAD_REDIS_SERVER</c> when set, else <c>redis-server</c>
/// on PATH (scripts/test.sh installs Debian's). It can be killed and restarted on the same port
/// and data, as a crashed Redis would be.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;
    private readonly StringBuilder _log = new();

    private RedisServer(int port, string directory)
    {
        Port = port;
        Directory = directory;
    }

    /// <summary>The redis-server binary the tests start.</summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable("DRAFTPAD_REDIS_SERVER") is { Length: > 0 } path ? path : "redis-server";

    public int Port { get; }

    public string Directory { get; }

    /// <summary>StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new RedisServer(port, System.IO.Directory.CreateTempSubdirectory("draftpad-redis-").FullName);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Starts redis-server (again) on the same port and data folder; returns once it answers PING.</summary>
    public async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", Directory, "--daemonize", "no",
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "yes",
            "--maxmemory-policy", "noeviction", "--logfile", "",
        })
        {
            info.ArgumentList.Add(arg);
        }
        try
        {
            _process = Process.Start(info)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Cannot start '{Binary}' ({e.Message}). The Redis tests need redis-server: `apt-get install redis-server` " +
                "(scripts/test.sh does it) or set DRAFTPAD_REDIS_SERVER to its path.", e);
        }
        _process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) break;
            if (await PingAsync()) return;
            await Task.Delay(50);
        }
        lock (_log) throw new InvalidOperationException($"redis-server on port {Port} did not start:\n{_log}");
    }

    private Task<bool> PingAsync() => DraftPad.Testing.RedisPing.AnswersAsync(Port);

    /// <summary>SIGKILL: Redis gets no chance to flush anything (only what it fsynced survives).</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>An xunit class fixture: one redis-server for the test class, stopped afterwards.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    internal RedisServer Server { get; private set; } = null!;

    /// <summary>A key prefix no other test uses, so the tests of a class share the server safely.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12] + ":";

    /// <summary>Settings that make a node use this Redis with <paramref name="prefix"/>.</summary>
    public Dictionary<string, string> NodeSettings(string prefix, IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Redis",
            ["Storage:Redis:Configuration"] = Server.Configuration,
            ["Storage:Redis:KeyPrefix"] = prefix,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
