using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using DraftPad.Crdt.Structs;
using DraftPad.Crdt.Tests.Interop;

namespace DraftPad.Crdt.Tests.Robustness;

/// <summary>Seed, time budget and the environment switches of the fuzz tests.</summary>
internal static class FuzzSettings
{
    /// <summary>DRAFTPAD_LONG=1: long run.</summary>
    public static bool Long => Environment.GetEnvironmentVariable("DRAFTPAD_LONG") == "1";

    /// <summary>
    /// In CI (CI=true) the fuzz run is deterministic: a fixed seed and a fixed number of inputs, so a
    /// submission is judged on the same inputs every time. Exploration with fresh seeds happens
    /// locally and with DRAFTPAD_LONG=1, where findings are fixed and pinned as regression tests.
    /// </summary>
    public static bool Deterministic =>
        Environment.GetEnvironmentVariable("CI") == "true" && Environment.GetEnvironmentVariable("DRAFTPAD_SEED") == null && !Long;

    /// <summary>DRAFTPAD_SEED=n reproduces a run; otherwise a fixed seed in CI and a random one elsewhere (printed).</summary>
    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("DRAFTPAD_SEED"), out var s) ? s
        : Deterministic ? 20261123 : Random.Shared.Next();

    /// <summary>The input count cap of a deterministic run (no cap otherwise).</summary>
    public static long MaxIterations => Deterministic ? 15000 : long.MaxValue;

    /// <summary>Per-test budget: a few seconds in CI, minutes with DRAFTPAD_LONG=1 (DRAFTPAD_FUZZ_SECONDS overrides).</summary>
    public static TimeSpan Budget(double ciSeconds) =>
        double.TryParse(Environment.GetEnvironmentVariable("DRAFTPAD_FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(Long ? 120 : ciSeconds);
}

/// <summary>Byte-level mutations of valid inputs.</summary>
internal static class Mutator
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x08, 0x04, 0x07, 0x20, 0x40, 0xc0];

    /// <summary>One or more random mutations of <paramref name="input"/>; <paramref name="other"/> is used for splicing.</summary>
    public static (byte[] Bytes, string How) Mutate(Random rng, byte[] input, byte[] other)
    {
        var rounds = rng.Next(10) < 7 ? 1 : rng.Next(2, 5);
        var bytes = input;
        var how = new List<string>();
        for (var r = 0; r < rounds; r++)
        {
            var (b, h) = MutateOnce(rng, bytes, other);
            bytes = b;
            how.Add(h);
        }
        return (bytes, string.Join(" + ", how));
    }

    private static (byte[] Bytes, string How) MutateOnce(Random rng, byte[] input, byte[] other)
    {
        var n = input.Length;
        switch (rng.Next(11))
        {
            case 0:
                {
                    var len = n == 0 ? 0 : rng.Next(n);
                    return (input[..len], $"truncate to {len}");
                }
            case 1:
            case 2:
                {
                    if (n == 0) goto case 9;
                    var b = (byte[])input.Clone();
                    var flips = rng.Next(1, 4);
                    for (var i = 0; i < flips; i++) b[rng.Next(n)] ^= (byte)(1 << rng.Next(8));
                    return (b, $"flip {flips} bits");
                }
            case 3:
                {
                    var pos = rng.Next(n + 1);
                    var ins = RandomBytes(rng, rng.Next(1, 5));
                    return ([.. input[..pos], .. ins, .. input[pos..]], $"insert {ins.Length} at {pos}");
                }
            case 4:
                {
                    if (n == 0) goto case 9;
                    var pos = rng.Next(n);
                    var len = Math.Min(rng.Next(1, 5), n - pos);
                    return ([.. input[..pos], .. input[(pos + len)..]], $"delete {len} at {pos}");
                }
            case 5:
            case 6:
                {
                    if (n == 0) goto case 9;
                    var b = (byte[])input.Clone();
                    var pos = rng.Next(n);
                    b[pos] = Interesting[rng.Next(Interesting.Length)];
                    return (b, $"set byte {pos}");
                }
            case 7:
                {
                    // A long varint (or 2^53 overflow) in place of one byte.
                    var pos = rng.Next(n + 1);
                    byte[] big = rng.Next(3) switch
                    {
                        0 => [0xff, 0xff, 0xff, 0xff, 0x0f],
                        1 => [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f],
                        _ => [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
                    };
                    var end = Math.Min(n, pos + 1);
                    return ([.. input[..pos], .. big, .. input[end..]], $"varint at {pos}");
                }
            case 8:
                {
                    // Splice: prefix of this input + suffix of another.
                    var a = rng.Next(n + 1);
                    var b = rng.Next(other.Length + 1);
                    return ([.. input[..a], .. other[b..]], $"splice {a}|{b}");
                }
            case 9:
                {
                    var len = rng.Next(0, 48);
                    var b = RandomBytes(rng, len);
                    // Mostly small numbers make a garbage update read further before failing.
                    if (rng.Next(2) == 0) for (var i = 0; i < b.Length; i++) b[i] &= 0x07;
                    return (b, $"random {len}");
                }
            default:
                {
                    // Duplicate a chunk.
                    if (n == 0) goto case 9;
                    var from = rng.Next(n);
                    var len = Math.Min(rng.Next(1, 9), n - from);
                    var to = rng.Next(n + 1);
                    return ([.. input[..to], .. input[from..(from + len)], .. input[to..]], $"dup {len} {from}->{to}");
                }
        }
    }

    public static byte[] RandomBytes(Random rng, int len)
    {
        var b = new byte[len];
        rng.NextBytes(b);
        return b;
    }
}

/// <summary>
/// Distinct unexpected exceptions, keyed by stage, exception type and the library frame that threw
/// (with the smallest input seen for each).
/// </summary>
internal sealed class FailureLog
{
    private readonly Dictionary<string, Entry> _entries = new();

    public sealed class Entry
    {
        public required string Key;
        public required string Stage;
        public required Exception Exception;
        public required byte[] Input;
        public required string Detail;
        public object? Tag;
        public int Count;
    }

    public int Count => _entries.Count;

    public IEnumerable<Entry> Entries => _entries.Values;

    /// <summary>Records a failure; returns true when it is a new distinct case.</summary>
    public bool Add(string stage, Exception e, byte[] input, string detail, object? tag = null)
    {
        var key = $"{stage}: {e.GetType().Name} at {Origin(e)}";
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Count++;
            if (input.Length < entry.Input.Length)
            {
                entry.Input = input;
                entry.Detail = detail;
                entry.Exception = e;
                entry.Tag = tag;
            }
            return false;
        }
        _entries[key] = new Entry { Key = key, Stage = stage, Exception = e, Input = input, Detail = detail, Tag = tag, Count = 1 };
        return true;
    }

    /// <summary>The first frame in DraftPad.Crdt (the library), as "Type.Method (File.cs:line)".</summary>
    public static string Origin(Exception e)
    {
        var frames = new StackTrace(e, true).GetFrames();
        foreach (var f in frames)
        {
            var m = f.GetMethod();
            var ns = m?.DeclaringType?.Namespace ?? "";
            if (ns.StartsWith("DraftPad.Crdt", StringComparison.Ordinal) && !ns.StartsWith("DraftPad.Crdt.Tests", StringComparison.Ordinal))
            {
                return Describe(f);
            }
        }
        return frames.Length > 0 ? Describe(frames[0]) : "?";
    }

    public static string TopFrames(Exception e, int count = 8)
    {
        var frames = new StackTrace(e, true).GetFrames()
            .Where(f => !(f.GetMethod()?.DeclaringType?.Namespace ?? "").StartsWith("DraftPad.Crdt.Tests", StringComparison.Ordinal))
            .Take(count);
        return string.Join("\n", frames.Select(f => "      at " + Describe(f)));
    }

    private static string Describe(StackFrame f)
    {
        var m = f.GetMethod();
        var file = f.GetFileName();
        var where = file == null ? "" : $" ({ShortPath(file)}:{f.GetFileLineNumber()})";
        return $"{m?.DeclaringType?.FullName}.{m?.Name}{where}";
    }

    private static string ShortPath(string file)
    {
        var i = file.IndexOf("server/", StringComparison.Ordinal);
        if (i < 0) i = file.IndexOf("tests/", StringComparison.Ordinal);
        return i >= 0 ? file[i..] : Path.GetFileName(file);
    }

    public string Report(int seed)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{_entries.Count} distinct unexpected failure(s) (seed {seed}; reproduce with DRAFTPAD_SEED={seed}):");
        foreach (var e in _entries.Values.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            sb.AppendLine($"--- {e.Key}  (seen {e.Count}x)");
            sb.AppendLine($"    {e.Detail}");
            sb.AppendLine($"    input ({e.Input.Length} bytes): {Hex.Format(e.Input)}");
            sb.AppendLine($"    {e.Exception.GetType().FullName}: {e.Exception.Message}");
            sb.AppendLine(TopFrames(e.Exception));
        }
        return sb.ToString();
    }
}

/// <summary>Renders every root of a document whose kind is known, canonically (for before/after comparisons).</summary>
internal static class DocContent
{
    /// <summary>{root name: canonical rendering}, like yjs-peer's content command.</summary>
    public static JsonObject Render(YDoc doc, IEnumerable<(string Name, YTypeKind Kind)> roots)
    {
        var o = new JsonObject();
        foreach (var (name, kind) in roots)
        {
            var k = KindName(kind);
            if (k != null) o[name] = Canonical.Root(doc, name, k);
        }
        return o;
    }

    public static string? KindName(YTypeKind kind) => kind switch
    {
        YTypeKind.Text => "text",
        YTypeKind.Map => "map",
        YTypeKind.Array => "array",
        YTypeKind.XmlFragment => "xml",
        _ => null,
    };

    public static List<(string Name, YTypeKind Kind)> KnownRoots(YDoc doc) =>
        doc.RootNames.Select(n => (n, doc.GetRootKind(n) ?? YTypeKind.Unknown)).Where(r => KindName(r.Item2) != null)
            .OrderBy(r => r.n, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Replays "base state + input, then re-load the encoded state" in real yjs, to tell a DraftPad bug from
/// garbage-in behaviour that yjs shares (e.g. an update claiming known clocks with other content).
/// </summary>
internal sealed class YjsOracle : IDisposable
{
    private YjsPeerProcess? _yjs;

    /// <summary>Whether the node process is running (false until the first successful <see cref="Run"/>).</summary>
    public bool Started { get; private set; }

    public sealed record Result(bool Rejected, string? Error, JsonNode? Content, JsonNode? ReloadedV1, JsonNode? ReloadedV2);

    public Result Run(FuzzScenario sc, byte[] input, bool v2, IReadOnlyList<(string Name, YTypeKind Kind)> roots)
    {
        _yjs ??= new YjsPeerProcess();
        _yjs.Send(new JsonObject { ["cmd"] = "ping" });
        Started = true;
        var rootsJson = new JsonArray(roots.Select(r => (JsonNode)new JsonObject { ["root"] = r.Name, ["kind"] = DocContent.KindName(r.Kind) }).ToArray());
        JsonArray Roots() => (JsonArray)rootsJson.DeepClone();
        _yjs.Send(new JsonObject { ["cmd"] = "reset" });
        _yjs.Send(new JsonObject { ["cmd"] = "new", ["peer"] = 0, ["client"] = 0xF0221, ["gc"] = sc.Gc });
        _yjs.Send(new JsonObject { ["cmd"] = "apply", ["peer"] = 0, ["update"] = Convert.ToBase64String(sc.BaseState), ["v2"] = false });
        _yjs.Send(new JsonObject { ["cmd"] = "content", ["peer"] = 0, ["roots"] = Roots() });
        try
        {
            _yjs.Send(new JsonObject { ["cmd"] = "apply", ["peer"] = 0, ["update"] = Convert.ToBase64String(input), ["v2"] = v2 });
        }
        catch (InvalidOperationException e)
        {
            return new Result(true, e.Message, null, null, null);
        }
        var content = _yjs.Send(new JsonObject { ["cmd"] = "content", ["peer"] = 0, ["roots"] = Roots() })["content"]!;
        var state = _yjs.Send(new JsonObject { ["cmd"] = "state", ["peer"] = 0 });
        JsonNode Reload(int peer, string key)
        {
            _yjs.Send(new JsonObject { ["cmd"] = "new", ["peer"] = peer, ["client"] = 2, ["gc"] = sc.Gc });
            _yjs.Send(new JsonObject { ["cmd"] = "apply", ["peer"] = peer, ["update"] = (string)state[key]!, ["v2"] = key == "v2" });
            return _yjs.Send(new JsonObject { ["cmd"] = "content", ["peer"] = peer, ["roots"] = Roots() })["content"]!;
        }
        return new Result(false, null, content, Reload(1, "v1"), Reload(2, "v2"));
    }

    public void Dispose() => _yjs?.Dispose();
}
