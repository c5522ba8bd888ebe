using System.Text.Json.Nodes;
using DraftPad.Testing;

namespace DraftPad.Crdt.Tests.Fixtures;

/// <summary>
/// The golden fixtures of tests/interop/fixtures (written by real yjs 13.6.33, see
/// tests/interop/generate-fixtures.mjs and fixtures/README.md for the manifest schema).
/// </summary>
internal static class FixtureManifest
{
    private static readonly Lazy<IReadOnlyList<Fixture>> All = new(Load);

    public static string Directory => Path.Combine(SharedData.RepositoryRoot, "tests", "interop", "fixtures");

    public static IReadOnlyList<Fixture> Fixtures => All.Value;

    public static Fixture Get(string name) =>
        Fixtures.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"No fixture named {name} in manifest.json");

    /// <summary>Fixture names matching <paramref name="filter"/>, as xunit theory data (the name is the case id).</summary>
    public static TheoryData<string> Names(Func<Fixture, bool>? filter = null)
    {
        var data = new TheoryData<string>();
        foreach (var f in Fixtures)
        {
            if (filter == null || filter(f)) data.Add(f.Name);
        }
        return data;
    }

    private static IReadOnlyList<Fixture> Load()
    {
        var path = Path.Combine(Directory, "manifest.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return root["fixtures"]!.AsArray().Select(n => new Fixture(n!.AsObject())).ToList();
    }
}

/// <summary>One manifest entry.</summary>
internal sealed class Fixture(JsonObject json)
{
    private readonly Dictionary<string, byte[]> _files = new();

    public JsonObject Json { get; } = json;

    public string Name => (string)Json["name"]!;

    public bool Gc => (bool)Json["gc"]!;

    /// <summary>Root name and kind (text, map, array, xml) in manifest order.</summary>
    public IReadOnlyList<(string Name, string Kind)> Roots =>
        Json["roots"]!.AsObject().Select(kv => (kv.Key, (string)kv.Value!)).ToList();

    public bool HasFile(string key) => Json["files"]!.AsObject().ContainsKey(key);

    /// <summary>The bytes of file <paramref name="key"/> (v1, v2, mergedV1, mergedV2, diffV1, diffV2).</summary>
    public byte[] File(string key)
    {
        lock (_files)
        {
            if (!_files.TryGetValue(key, out var bytes))
            {
                var name = (string?)Json["files"]![key] ?? throw new InvalidOperationException($"{Name} has no {key} file");
                bytes = System.IO.File.ReadAllBytes(Path.Combine(FixtureManifest.Directory, name));
                _files[key] = bytes;
            }
            return bytes;
        }
    }

    public byte[] StateVector => HexBytes("stateVector")!;

    private IReadOnlyList<byte[]>? _updates;
    private IReadOnlyList<byte[]>? _updatesV2;

    /// <summary>The V1 update events the subject doc emitted, in order.</summary>
    public IReadOnlyList<byte[]> Updates => _updates ??= HexList("updates");

    /// <summary>The V2 update events, in order.</summary>
    public IReadOnlyList<byte[]> UpdatesV2 => _updatesV2 ??= HexList("updatesV2");

    public JsonObject Expected => Json["expected"]!.AsObject();

    /// <summary>Whether the subject doc held pending (not yet integrable) structs or deletions.</summary>
    public bool HasPending => Json["pending"] is JsonObject;

    public bool PendingStructs => Json["pending"] is JsonObject p && (bool)p["structs"]!;

    public bool PendingDeleteSet => Json["pending"] is JsonObject p && (bool)p["deleteSet"]!;

    public bool HasMerged => HasFile("mergedV1");

    /// <summary>"updates" (merged files merge <see cref="Updates"/>) or "explicit" (see <see cref="MergeInputs"/>).</summary>
    public string? MergedInputs => (string?)Json["mergedInputs"];

    public IReadOnlyList<byte[]> MergeInputs => MergedInputs == "explicit" ? HexList("mergeInputs") : Updates;

    public IReadOnlyList<byte[]> MergeInputsV2 => MergedInputs == "explicit" ? HexList("mergeInputsV2") : UpdatesV2;

    public int MergedInputCount => (int)Json["mergedInputCount"]!;

    public byte[]? MergedStateVector => HexBytes("mergedStateVector");

    public bool HasDiff => HasFile("diffV1");

    public byte[]? DiffStateVector => HexBytes("diffStateVector");

    public bool HasSnapshot => Json.ContainsKey("snapshot");

    public byte[]? Snapshot => HexBytes("snapshot");

    public byte[]? SnapshotV2 => HexBytes("snapshotV2");

    public override string ToString() => Name;

    private byte[]? HexBytes(string key) => Json[key] is JsonNode n ? Convert.FromHexString((string)n!) : null;

    private List<byte[]> HexList(string key) =>
        Json[key] is JsonArray a ? a.Select(n => Convert.FromHexString((string)n!)).ToList() : new List<byte[]>();
}
