using System.Diagnostics;
using System.Text.Json.Nodes;
using DraftPad.Testing;

namespace DraftPad.Server.Tests.Interop;

/// <summary>
/// Runs tests/interop/pad-client.mjs: stock yjs + y-protocols + @microsoft/signalr talking to the
/// hub, as a browser would. It prints one JSON line with its outcome.
/// </summary>
internal static class NodePadClient
{
    public static string Directory
    {
        get
        {
            var dir = Path.Combine(SharedData.RepositoryRoot, "tests", "interop");
            if (!System.IO.Directory.Exists(Path.Combine(dir, "node_modules", "@microsoft", "signalr")))
            {
                throw new InvalidOperationException($"The node SignalR client is not installed: run `npm ci` in {dir} (scripts/test.sh does).");
            }
            return dir;
        }
    }

    public static async Task<JsonObject> RunAsync(Uri server, params string[] args)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("pad-client.mjs");
        info.ArgumentList.Add("--url");
        info.ArgumentList.Add(server.ToString().TrimEnd('/'));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pad-client.mjs {string.Join(' ', args)} did not finish: {await stderr}");
        }
        var output = (await stdout).Trim();
        if (process.ExitCode != 0 || output.Length == 0)
        {
            throw new InvalidOperationException($"pad-client.mjs exited with {process.ExitCode}: {await stderr}\n{output}");
        }
        return JsonNode.Parse(output.Split('\n')[^1])!.AsObject();
    }
}
