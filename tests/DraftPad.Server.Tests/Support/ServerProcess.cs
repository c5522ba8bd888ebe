using System.Diagnostics;
using System.Text.RegularExpressions;
using DraftPad.Testing;

namespace DraftPad.Server.Tests.Support;

/// <summary>
/// The built server as a separate process (for crash tests: SIGKILL must really kill a process).
/// It listens on a free loopback port, announced in its "Now listening on:" log line.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int ProcessId => _process.Id;

    public static string ServerDll
    {
        get
        {
            // The same configuration as this test assembly (bin/<Configuration>/net10.0).
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var path = Path.Combine(SharedData.RepositoryRoot, "server", "DraftPad.Server", "bin", configuration, "net10.0", "DraftPad.Server.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the server first: " + path);
        }
    }

    public static async Task<ServerProcess> StartAsync(string dataDirectory, params string[] extraArgs)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { ServerDll, "--urls", "http://127.0.0.1:0", "--Storage:DataDirectory=" + dataDirectory }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value + "/"));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30)));
        if (finished != listening.Task)
        {
            try { process.Kill(true); } catch (InvalidOperationException) { }
            lock (log) throw new InvalidOperationException("The server process did not start:\n" + log);
        }
        return new ServerProcess(process, listening.Task.Result);
    }

    public HttpClient Http() => new() { BaseAddress = BaseUri };

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
