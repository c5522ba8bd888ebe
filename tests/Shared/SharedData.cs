using System.IO.Compression;
using System.Text.Json;

namespace DraftPad.Testing;

/// <summary>Locates the repository and the shared/ folder beside it (../shared from the repository root).</summary>
internal static class SharedData
{
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "DraftPad.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Cannot find DraftPad.sln above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The shared/ folder; overridable with DRAFTPAD_SHARED. Throws a clear error when it is missing.</summary>
    public static string Root
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("DRAFTPAD_SHARED")
                ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
            if (!Directory.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The shared data folder is missing: expected it at {path} (beside the repository), or set DRAFTPAD_SHARED.");
            }
            return path;
        }
    }

    public static string EditingTraces => Path.Combine(Root, "datasets", "editing-traces");

    /// <summary>Parses a gzip-compressed JSON trace file (the editing traces' format).</summary>
    public static JsonDocument ReadGzipJson(string path)
    {
        using var file = File.OpenRead(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        return JsonDocument.Parse(gz);
    }
}

/// <summary>One patch of an editing trace: at <see cref="Position"/> delete <see cref="Delete"/> units, then insert <see cref="Insert"/>.</summary>
internal readonly record struct TracePatch(int Position, int Delete, string Insert);

/// <summary>A sequential editing trace (josephg/editing-traces schema).</summary>
internal sealed class SequentialTrace
{
    public required string Name { get; init; }
    public required string EndContent { get; init; }
    public required List<TracePatch[]> Transactions { get; init; }

    public int PatchCount => Transactions.Sum(t => t.Length);

    public static SequentialTrace Load(string name)
    {
        using var json = SharedData.ReadGzipJson(Path.Combine(SharedData.EditingTraces, "sequential_traces", name + ".json.gz"));
        var root = json.RootElement;
        var txns = new List<TracePatch[]>();
        foreach (var txn in root.GetProperty("txns").EnumerateArray())
        {
            txns.Add(txn.GetProperty("patches").EnumerateArray().Select(ReadPatch).ToArray());
        }
        return new SequentialTrace { Name = name, EndContent = root.GetProperty("endContent").GetString()!, Transactions = txns };
    }

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(SharedData.EditingTraces, "sequential_traces"), "*.json.gz")
            .Select(p => Path.GetFileName(p)[..^".json.gz".Length]).Order(StringComparer.Ordinal);

    internal static TracePatch ReadPatch(JsonElement p) =>
        new(p[0].GetInt32(), p[1].GetInt32(), p[2].GetString() ?? "");
}

/// <summary>A concurrent trace: transactions with causal parents and an author agent.</summary>
internal sealed class ConcurrentTrace
{
    public required string Name { get; init; }
    public required string EndContent { get; init; }
    public required int NumAgents { get; init; }
    public required List<(int[] Parents, int Agent, TracePatch[] Patches)> Transactions { get; init; }

    public static ConcurrentTrace Load(string name)
    {
        using var json = SharedData.ReadGzipJson(Path.Combine(SharedData.EditingTraces, "concurrent_traces", name + ".json.gz"));
        var root = json.RootElement;
        var txns = new List<(int[], int, TracePatch[])>();
        foreach (var txn in root.GetProperty("txns").EnumerateArray())
        {
            txns.Add((
                txn.GetProperty("parents").EnumerateArray().Select(p => p.GetInt32()).ToArray(),
                txn.GetProperty("agent").GetInt32(),
                txn.GetProperty("patches").EnumerateArray().Select(SequentialTrace.ReadPatch).ToArray()));
        }
        return new ConcurrentTrace
        {
            Name = name,
            EndContent = root.GetProperty("endContent").GetString()!,
            NumAgents = root.GetProperty("numAgents").GetInt32(),
            Transactions = txns,
        };
    }
}
