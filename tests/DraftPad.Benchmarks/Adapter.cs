using System.Text.Json;
using DraftPad.Crdt;

namespace DraftPad.Benchmarks;

/// <summary>
/// The DraftPad counterpart of bench-yjs.mjs's YjsCrdt (crdt-benchmarks' Yjs factory): root types
/// "array", "map", "text" (created in that order), an UpdateV2 handler on every document (also the
/// loaded and reader ones, as the factory registers one), V2 updates and V2 state everywhere.
/// Every call outside <see cref="Transact"/> is its own transaction.
/// </summary>
internal sealed class BenchDoc
{
    public BenchDoc(Action<byte[]> onUpdate, ulong client)
    {
        Doc = new YDoc(new YDocOptions { ClientId = client, Gc = true });
        Doc.UpdateV2 += (_, e) => onUpdate(e.Update);
        Array = Doc.GetArray("array");
        Map = Doc.GetMap("map");
        Text = Doc.GetText("text");
    }

    public YDoc Doc { get; }
    public YArray Array { get; }
    public YMap Map { get; }
    public YText Text { get; }

    public static BenchDoc Load(byte[] state, ulong client)
    {
        var doc = new BenchDoc(static _ => { }, client);
        doc.ApplyUpdate(state);
        return doc;
    }

    public byte[] GetEncodedState() => Doc.EncodeStateAsUpdateV2();
    public void ApplyUpdate(byte[] update) => Doc.ApplyUpdateV2(update);
    public void Transact(Action action) => Doc.Transact(_ => action());

    public void Apply(in BenchOp op)
    {
        switch (op.Kind)
        {
            case OpKind.TextInsert: Text.Insert(op.Index, op.Text!); break;
            case OpKind.TextDelete: Text.Delete(op.Index, op.Count); break;
            case OpKind.ArrayInsert: Array.Insert(op.Index, op.Values!); break;
            case OpKind.MapSet: Map.Set(op.Text!, op.Value); break;
            default: throw new InvalidOperationException("bad op");
        }
    }

    /// <summary>The content the upstream check compares: text, array or map JSON.</summary>
    public object Content(string kind) => kind switch
    {
        "text" or "text2" => Text.ToString(),
        "array" => Array.ToList(),
        "map" => Map.ToJson()!,
        _ => throw new ArgumentException(kind),
    };
}

/// <summary>lib0's createMutex: runs f unless a call is already inside the mutex (stops echo).</summary>
internal sealed class Mux
{
    private bool _busy;

    public void Run(Action f)
    {
        if (_busy) return;
        _busy = true;
        try { f(); }
        finally { _busy = false; }
    }
}

internal enum OpKind { TextInsert, TextDelete, ArrayInsert, MapSet }

/// <summary>One input op of bench-yjs's input files. For MapSet, <see cref="Text"/> is the key.</summary>
internal readonly record struct BenchOp(OpKind Kind, int Index, string? Text, int Count, object?[]? Values, object? Value);

/// <summary>A B1–B3 input file written by `node bench-yjs.mjs gen-inputs DIR` (format in its header).</summary>
internal sealed class BenchInput
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Kind { get; init; }
    public List<BenchOp> Ops { get; init; } = [];
    public int InputLength { get; init; }
    public object? Expected { get; init; }
    public string InitText { get; init; } = "";
    public List<BenchOp> Doc1 { get; init; } = [];
    public List<BenchOp> Doc2 { get; init; } = [];
    public int? ExpectedLength { get; init; }
    public int Clients { get; init; }

    public static BenchInput Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var r = json.RootElement;
        List<BenchOp> Ops(string name) => r.TryGetProperty(name, out var a) ? a.EnumerateArray().Select(ParseOp).ToList() : [];
        int Int(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        return new BenchInput
        {
            Id = r.GetProperty("id").GetString()!,
            Title = r.GetProperty("title").GetString()!,
            Kind = r.GetProperty("kind").GetString()!,
            Ops = Ops("ops"),
            InputLength = Int("inputLength"),
            Expected = r.TryGetProperty("expected", out var e) ? ToValue(e) : null,
            InitText = r.TryGetProperty("initText", out var t) ? t.GetString()! : "",
            Doc1 = Ops("doc1"),
            Doc2 = Ops("doc2"),
            ExpectedLength = r.TryGetProperty("expectedLength", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : null,
            Clients = Int("clients"),
        };
    }

    private static BenchOp ParseOp(JsonElement op)
    {
        var a = op[0];
        var b = op[1];
        if (a.ValueKind == JsonValueKind.String) return new BenchOp(OpKind.MapSet, 0, a.GetString(), 0, null, ToValue(b));
        var index = a.GetInt32();
        return b.ValueKind switch
        {
            JsonValueKind.String => new BenchOp(OpKind.TextInsert, index, b.GetString(), 0, null, null),
            JsonValueKind.Number => new BenchOp(OpKind.TextDelete, index, null, b.GetInt32(), null, null),
            JsonValueKind.Array => new BenchOp(OpKind.ArrayInsert, index, null, 0, b.EnumerateArray().Select(ToValue).ToArray(), null),
            _ => throw new InvalidDataException("bad op " + op),
        };
    }

    /// <summary>JSON → the JS value model (numbers are doubles, objects keep their key order).</summary>
    public static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => e.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value)),
        _ => throw new InvalidDataException("bad value " + e),
    };
}

/// <summary>node's util.isDeepStrictEqual for the JSON-like values the benchmarks compare.</summary>
internal static class Deep
{
    public static bool Equal(object? a, object? b)
    {
        switch (a, b)
        {
            case (null, null): return true;
            case (string x, string y): return string.Equals(x, y, StringComparison.Ordinal);
            case (double x, double y): return x.Equals(y);
            case (bool x, bool y): return x == y;
            case (IDictionary<string, object?> x, IDictionary<string, object?> y):
                if (x.Count != y.Count) return false;
                foreach (var (k, v) in x)
                {
                    if (!y.TryGetValue(k, out var w) || !Equal(v, w)) return false;
                }
                return true;
            case (System.Collections.IList x, System.Collections.IList y):
                if (x.Count != y.Count) return false;
                for (var i = 0; i < x.Count; i++)
                {
                    if (!Equal(x[i], y[i])) return false;
                }
                return true;
            default: return false;
        }
    }

    public static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("check failed: " + what);
    }
}
