using System.Diagnostics;
using System.Text.Json.Nodes;
using DraftPad.Testing;

namespace DraftPad.Benchmarks;

/// <summary>What one bench-yjs.mjs process reported for one benchmark.</summary>
internal sealed class YjsResult
{
    public required List<Dictionary<string, double>> Runs { get; init; }
    public required JsonObject? Machine { get; init; }
    public byte[]? StateV1 { get; init; }
    public byte[]? StateV2 { get; init; }
}

/// <summary>
/// Runs real yjs through tests/interop/bench-yjs.mjs: one `node --expose-gc` process per benchmark
/// with the same warm-up and run counts and the same client ids as the C# side; the process dumps
/// its encoded states (--dump-state) so they can be compared byte for byte.
/// </summary>
internal sealed class YjsRunner
{
    private readonly ulong _client;
    private readonly int _runs;
    private readonly int _warmup;
    private readonly string _dumpDir = Path.Combine(Path.GetTempPath(), $"draftpad-bench-{Environment.ProcessId}");

    public YjsRunner(ulong client, int runs, int warmup)
    {
        _client = client;
        _runs = runs;
        _warmup = warmup;
        if (!Directory.Exists(Path.Combine(InteropDir, "node_modules", "yjs")))
        {
            throw new InvalidOperationException($"yjs is not installed: run `npm ci` in {InteropDir} (or pass --no-yjs).");
        }
    }

    public static string InteropDir => Path.Combine(SharedData.RepositoryRoot, "tests", "interop");
    public static string InputsDir => Path.Combine(InteropDir, "bench-inputs");
    public static string Node => Environment.GetEnvironmentVariable("DRAFTPAD_NODE") ?? "node";

    /// <summary>The B1–B3 input file of a benchmark; runs `bench-yjs.mjs gen-inputs` first if it is missing.</summary>
    public static string InputFile(string name)
    {
        var path = Path.Combine(InputsDir, name + ".json");
        if (!File.Exists(path)) Exec(["bench-yjs.mjs", "gen-inputs", InputsDir]);
        return path;
    }

    public static string NodeVersion() => Exec(["--version"]).Trim();

    public YjsResult Run(string name)
    {
        if (Directory.Exists(_dumpDir)) Directory.Delete(_dumpDir, recursive: true);
        var stdout = Exec([
            "--expose-gc", "bench-yjs.mjs", name, "--client", _client.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--warmup", _warmup.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--runs", _runs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dump-state", _dumpDir,
        ]);
        var runs = new List<Dictionary<string, double>>();
        JsonObject? machine = null;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var obj = JsonNode.Parse(line)!.AsObject();
            machine ??= obj["machine"]?.AsObject();
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, value) in obj["results"]!.AsObject())
            {
                if (value is not JsonValue v) continue;
                if (v.TryGetValue<double>(out var d)) metrics[key] = d;
                else if (v.TryGetValue<bool>(out var b)) metrics[key] = b ? 1 : 0;
            }
            runs.Add(metrics);
        }
        if (runs.Count != _runs) throw new InvalidOperationException($"bench-yjs {name}: expected {_runs} result lines, got {runs.Count}.");
        byte[]? Dump(string v) => File.Exists(Path.Combine(_dumpDir, $"{name}.{v}.bin")) ? File.ReadAllBytes(Path.Combine(_dumpDir, $"{name}.{v}.bin")) : null;
        var result = new YjsResult { Runs = runs, Machine = machine, StateV1 = Dump("v1"), StateV2 = Dump("v2") };
        Directory.Delete(_dumpDir, recursive: true);
        return result;
    }

    /// <summary>Runs node in tests/interop; returns stdout, forwards stderr, throws on a non-zero exit.</summary>
    private static string Exec(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(Node)
        {
            WorkingDirectory = InteropDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + Node);
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var err = stderr.GetAwaiter().GetResult();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Node} {string.Join(' ', psi.ArgumentList)} exited with {p.ExitCode}:\n{err}");
        }
        if (err.Length > 0) Console.Error.Write(err);
        return stdout;
    }
}
