using System.Diagnostics;
using System.Text.Json.Nodes;
using DraftPad.Testing;

namespace DraftPad.Crdt.Tests.Interop;

/// <summary>
/// A live node process running real yjs 13.6.33 (tests/interop/yjs-peer.mjs), driven with one
/// JSON command per line. Requires `npm ci` in tests/interop (the README's test command runs it).
/// </summary>
internal sealed class YjsPeerProcess : IDisposable
{
    private readonly Process _process;

    public YjsPeerProcess()
    {
        var dir = Path.Combine(SharedData.RepositoryRoot, "tests", "interop");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "yjs")))
        {
            throw new InvalidOperationException($"Real yjs is not installed: run `npm ci` in {dir} (scripts/test.sh does).");
        }
        var psi = new ProcessStartInfo("node", "yjs-peer.mjs")
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node.");
        _process.StandardInput.AutoFlush = true;
    }

    public JsonObject Send(JsonObject command)
    {
        _process.StandardInput.WriteLine(command.ToJsonString());
        var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("yjs-peer exited.");
        var response = JsonNode.Parse(line)!.AsObject();
        if (response["ok"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"yjs-peer rejected {command.ToJsonString()}: {response["error"]}");
        }
        return response;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000)) _process.Kill();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
