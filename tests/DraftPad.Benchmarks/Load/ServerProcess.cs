using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DraftPad.Testing;

namespace DraftPad.Benchmarks.Load;

/// <summary>
/// A server under test, run as a child process on a free loopback port: the DraftPad server (its
/// Release build, with a fresh data directory) or the node reference server. Its output goes to a
/// log file in its temporary directory. Dispose stops it (SIGTERM, then a kill of the whole tree)
/// and removes the directory, so a crashed benchmark leaves no server behind.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly bool _keepData;

    private ServerProcess(string name, ProcessStartInfo psi, string tempDir, int port, bool keepData)
    {
        Name = name;
        TempDir = tempDir;
        Port = port;
        _keepData = keepData;
        LogPath = Path.Combine(tempDir, "server.log");
        _log = new StreamWriter(LogPath) { AutoFlush = true };
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        try
        {
            _process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {psi.FileName}");
        }
        catch
        {
            _log.Dispose();
            throw;
        }
        _process.OutputDataReceived += (_, e) => WriteLog(e.Data);
        _process.ErrorDataReceived += (_, e) => WriteLog(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string TempDir { get; }

    public string LogPath { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    public bool HasExited => _process.HasExited;

    /// <summary>Keep the temporary directory (log, data) after the stop: set when the run failed.</summary>
    public bool KeepFiles { get; set; }

    /// <summary>The Release build of server/DraftPad.Server.</summary>
    public static string DraftPadDll => Path.Combine(SharedData.RepositoryRoot, "server", "DraftPad.Server", "bin", "Release", "net10.0", "DraftPad.Server.dll");

    public static string LoadBenchDir => Path.Combine(SharedData.RepositoryRoot, "tests", "load-bench");

    public static string Node => Environment.GetEnvironmentVariable("DRAFTPAD_NODE") ?? "node";

    /// <summary>The redis-server binary: <c>DRAFTPAD_REDIS_SERVER</c> when set (as for the server tests), else redis-server on PATH.</summary>
    public static string RedisBinary =>
        Environment.GetEnvironmentVariable("DRAFTPAD_REDIS_SERVER") is { Length: > 0 } path ? path : "redis-server";

    /// <summary>
    /// Starts the DraftPad server with a fresh data directory. Throws when its Release build is missing.
    /// With <paramref name="redis"/> (StackExchange.Redis configuration and key prefix) the node stores in
    /// that Redis (Storage:Provider=Redis) and shares its pads with every node of the same prefix.
    /// </summary>
    public static ServerProcess StartDraftPad(LoadOptions options, (string Configuration, string KeyPrefix)? redis = null, string name = "DraftPad")
    {
        var dll = DraftPadDll;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The server is not built: {dll} is missing. Run `dotnet build server/DraftPad.Server -c Release` first.");
        }
        WarnIfStale(dll);
        var dir = NewTempDir("draftpad-load", options.DataRoot);
        // Run a private copy of the build: a rebuild of the server during the run (others work in the
        // same tree) must not swap the assemblies under the running process. Its folder is the working
        // directory, so appsettings.json applies as in a deployment.
        var app = Path.Combine(dir, "server");
        CopyBuild(Path.GetDirectoryName(dll)!, app);
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = app };
        psi.ArgumentList.Add(Path.Combine(app, Path.GetFileName(dll)));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.ArgumentList.Add($"--Storage:DataDirectory={Path.Combine(dir, "data")}");
        if (redis is { } r)
        {
            psi.ArgumentList.Add("--Storage:Provider=Redis");
            psi.ArgumentList.Add($"--Storage:Redis:Configuration={r.Configuration}");
            psi.ArgumentList.Add($"--Storage:Redis:KeyPrefix={r.KeyPrefix}");
        }
        if (options.MessagesPerSecond is { } mps)
        {
            psi.ArgumentList.Add($"--Limits:MessagesPerSecond={mps.ToString(CultureInfo.InvariantCulture)}");
            psi.ArgumentList.Add($"--Limits:MessageBurst={(mps * 4).ToString(CultureInfo.InvariantCulture)}");
        }
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var pair in options.ServerEnv)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new ArgumentException($"--server-env: expected NAME=VALUE, got {pair}");
            psi.Environment[pair[..eq]] = pair[(eq + 1)..];
        }
        return new ServerProcess(name, psi, dir, port, options.KeepData);
    }

    /// <summary>Starts tests/load-bench/yws-server.mjs. Throws when its packages are not installed.</summary>
    public static ServerProcess StartYws(LoadOptions options, string? seedText)
    {
        var bench = LoadBenchDir;
        if (!Directory.Exists(Path.Combine(bench, "node_modules", "yjs")) || !Directory.Exists(Path.Combine(bench, "node_modules", "ws")))
        {
            throw new InvalidOperationException($"The reference server's packages are not installed: run `npm ci` in {bench} (or pass --target draftpad).");
        }
        var dir = NewTempDir("yws-load", options.DataRoot);
        var port = FreePort();
        var psi = new ProcessStartInfo(Node) { WorkingDirectory = bench };
        psi.ArgumentList.Add("yws-server.mjs");
        psi.ArgumentList.Add("--port");
        psi.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(seedText))
        {
            var seedFile = Path.Combine(dir, "seed.md");
            File.WriteAllText(seedFile, seedText);
            psi.ArgumentList.Add("--seed-file");
            psi.ArgumentList.Add(seedFile);
        }
        return new ServerProcess("y-websocket (node)", psi, dir, port, options.KeepData);
    }

    /// <summary>
    /// Starts a redis-server on a free loopback port in a fresh temporary folder, configured as the
    /// server tests (and docs/scale-out.md) require for no loss: append-only file fsynced on every
    /// write, no RDB snapshots, no eviction. Wait for it with <see cref="WaitRedisReadyAsync"/>.
    /// </summary>
    public static ServerProcess StartRedis(LoadOptions options)
    {
        var dir = NewTempDir("draftpad-load-redis", options.DataRoot);
        var port = FreePort();
        var psi = new ProcessStartInfo(RedisBinary) { WorkingDirectory = dir };
        foreach (var arg in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dir, "--daemonize", "no",
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "yes",
            "--maxmemory-policy", "noeviction", "--logfile", "",
        })
        {
            psi.ArgumentList.Add(arg);
        }
        try
        {
            return new ServerProcess("redis-server", psi, dir, port, options.KeepData);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
            throw new InvalidOperationException($"Cannot start '{RedisBinary}' ({e.Message}): `apt-get install -y redis-server`, or set DRAFTPAD_REDIS_SERVER to its path.", e);
        }
    }

    /// <summary>redis-server's version line (<c>redis-server --version</c>), or null when it cannot run.</summary>
    public static string? RedisVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(RedisBinary, "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            if (p == null) return null;
            var line = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            // "Redis server v=7.0.15 sha=... malloc=jemalloc-5.3.0 bits=64 build=..."
            var v = line.Split(' ').FirstOrDefault(f => f.StartsWith("v=", StringComparison.Ordinal));
            return v == null ? line : v[2..];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>StackExchange.Redis configuration string of a redis-server started by <see cref="StartRedis"/>.</summary>
    public string RedisConfiguration => $"127.0.0.1:{Port}";

    /// <summary>Sends PING until redis-server answers PONG; throws (with the log's tail) when it exits or 30 s pass.</summary>
    public async Task WaitRedisReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready; log {LogPath}:\n{LogTail()}");
            }
            if (await RedisPing.AnswersAsync(Port)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"{Name} did not answer PING after 30 s; log {LogPath}:\n{LogTail()}");
    }

    /// <summary>Polls GET /readyz until it answers "ready"; throws (with the log's tail) when the process exits or 60 s pass.</summary>
    public async Task WaitReadyAsync(HttpClient http)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready; log {LogPath}:\n{LogTail()}");
            }
            try
            {
                var body = await http.GetStringAsync(new Uri(BaseUri, "/readyz"));
                if (body.Trim().Equals("ready", StringComparison.OrdinalIgnoreCase)) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name} was not ready after 60 s; log {LogPath}:\n{LogTail()}");
    }

    public ProcSample Sample() => ProcStats.Sample(Pid);

    public string LogTail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Graceful first (the DraftPad server flushes its store on SIGTERM), then the hard way.
                try
                {
                    using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                    kill?.WaitForExit();
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // no kill(1): fall through to Kill below
                }
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    // still running
                }
            }
        }
        finally
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
            _process.Dispose();
            lock (_log) _log.Dispose();
            if (!_keepData && !KeepFiles)
            {
                try
                {
                    Directory.Delete(TempDir, recursive: true);
                }
                catch (IOException)
                {
                    // best effort
                }
            }
        }
    }

    /// <summary>
    /// Kills the process tree at once (for an abort path that cannot await); with
    /// <paramref name="removeFiles"/> also removes the temporary directory (unless --keep-data or <see cref="KeepFiles"/>).
    /// </summary>
    public void KillNow(bool removeFiles = false)
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            if (removeFiles) _process.WaitForExit(2000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        if (!removeFiles || _keepData || KeepFiles) return;
        try
        {
            Directory.Delete(TempDir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort
        }
    }

    private void WriteLog(string? line)
    {
        if (line == null) return;
        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // output after the stop
            }
        }
    }

    /// <summary>Copies a build output folder; tries again when the build changed meanwhile.</summary>
    private static void CopyBuild(string from, string to)
    {
        for (var attempt = 0; ; attempt++)
        {
            var before = Directory.EnumerateFiles(from, "*.dll").Max(File.GetLastWriteTimeUtc);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
            var after = Directory.EnumerateFiles(from, "*.dll").Max(File.GetLastWriteTimeUtc);
            if (after == before) return;
            if (attempt == 2) throw new InvalidOperationException($"{from} keeps changing (a build is running?); try again when it is done.");
            Thread.Sleep(5000);
        }
    }

    private static string NewTempDir(string prefix, string? root)
    {
        var dir = Path.Combine(root ?? Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Warns when a source file of the server or the CRDT is newer than the built server.</summary>
    private static void WarnIfStale(string dll)
    {
        var built = File.GetLastWriteTimeUtc(dll);
        var newest = new[] { "DraftPad.Server", "DraftPad.Crdt" }
            .Select(p => Path.Combine(SharedData.RepositoryRoot, "server", p))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f)))
            .OrderByDescending(f => f.Time)
            .FirstOrDefault();
        if (newest.File != null && newest.Time > built)
        {
            Console.Error.WriteLine($"warning: {Path.GetRelativePath(SharedData.RepositoryRoot, newest.File)} is newer than the server build; " +
                                    "rebuild with `dotnet build server/DraftPad.Server -c Release` to measure the current code.");
        }
    }
}
