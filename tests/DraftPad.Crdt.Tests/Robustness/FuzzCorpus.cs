using DraftPad.Crdt.Tests.Fixtures;

namespace DraftPad.Crdt.Tests.Robustness;

/// <summary>One valid input (an update, or a state vector / snapshot) to mutate.</summary>
internal sealed record FuzzInput(string Label, byte[] Bytes, bool V2);

/// <summary>
/// A document state to apply inputs to (loaded from <see cref="BaseState"/>, a V1 update) and valid
/// updates that continue its history, so that mutations reach deep into integration.
/// </summary>
internal sealed class FuzzScenario(string name, bool gc, byte[] baseState, List<FuzzInput> inputs)
{
    public string Name { get; } = name;
    public bool Gc { get; } = gc;
    public byte[] BaseState { get; } = baseState;
    public List<FuzzInput> Inputs { get; } = inputs;

    public YDoc NewDoc()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 0xF0221, Gc = Gc });
        doc.ApplyUpdate(BaseState);
        DefineRoots(doc);
        return doc;
    }

    /// <summary>Types the roots of the random sessions (others stay unknown, which is fine).</summary>
    public static void DefineRoots(YDoc doc)
    {
        Try(() => doc.GetText("t"));
        Try(() => doc.GetMap("m"));
        Try(() => doc.GetArray("a"));
        Try(() => doc.GetXmlFragment("x"));
    }

    private static void Try(Action a)
    {
        try
        {
            a();
        }
        catch (InvalidOperationException)
        {
            // The root exists with another kind (a fixture root named like ours): leave it.
        }
    }

    public override string ToString() => Name;
}

/// <summary>Builds the fuzz scenarios: every golden fixture and seeded random multi-client sessions.</summary>
internal static class FuzzCorpus
{
    public static List<FuzzScenario> Build(int seed, int randomSessions)
    {
        var list = new List<FuzzScenario>();
        foreach (var f in FixtureManifest.Fixtures) list.Add(FromFixture(f));
        var rng = new Random(seed ^ 0x5eed);
        for (var i = 0; i < randomSessions; i++) list.Add(RandomSession(rng, i));
        return list;
    }

    private static FuzzScenario FromFixture(Fixture f)
    {
        // Base = the state after the first half of the recorded updates; inputs = the rest and the files.
        var half = f.Updates.Count / 2;
        var doc = new YDoc(new YDocOptions { ClientId = 0xF0220, Gc = f.Gc });
        for (var i = 0; i < half; i++) doc.ApplyUpdate(f.Updates[i]);
        var inputs = new List<FuzzInput>();
        var step = Math.Max(1, (f.Updates.Count - half) / 24);
        for (var i = half; i < f.Updates.Count; i += step)
        {
            inputs.Add(new FuzzInput($"{f.Name} updates[{i}]", f.Updates[i], false));
            inputs.Add(new FuzzInput($"{f.Name} updatesV2[{i}]", f.UpdatesV2[i], true));
        }
        foreach (var key in new[] { "v1", "v2", "mergedV1", "mergedV2", "diffV1", "diffV2" })
        {
            if (f.HasFile(key)) inputs.Add(new FuzzInput($"{f.Name} {key}", f.File(key), key.EndsWith("2", StringComparison.Ordinal)));
        }
        return new FuzzScenario("fixture " + f.Name, f.Gc, doc.EncodeStateAsUpdate(), inputs);
    }

    /// <summary>2-3 peers making random edits to text, map, array and xml roots, with random syncs.</summary>
    private static FuzzScenario RandomSession(Random rng, int index)
    {
        var gc = rng.Next(3) != 0;
        var peers = rng.Next(2, 4);
        var docs = new List<YDoc>();
        var ids = new HashSet<ulong>();
        for (var p = 0; p < peers; p++)
        {
            ulong id;
            do
            {
                id = rng.Next(4) switch
                {
                    0 => (ulong)rng.Next(1, 10),
                    1 => (ulong)rng.NextInt64(1, 1L << 32),
                    2 => (ulong)rng.NextInt64(1L << 32, 1L << 53),
                    _ => (ulong)rng.Next(100, 1000),
                };
            }
            while (!ids.Add(id));
            var d = new YDoc(new YDocOptions { ClientId = id, Gc = gc });
            FuzzScenario.DefineRoots(d);
            docs.Add(d);
        }
        var subject = docs[0];
        var v1 = new List<byte[]>();
        var v2 = new List<byte[]>();
        subject.UpdateV1 += (_, e) => v1.Add(e.Update);
        subject.UpdateV2 += (_, e) => v2.Add(e.Update);
        var steps = rng.Next(20, 80);
        for (var s = 0; s < steps; s++)
        {
            RandomEdit(rng, docs[rng.Next(peers)]);
            if (rng.Next(4) == 0)
            {
                var a = docs[rng.Next(peers)];
                var b = docs[rng.Next(peers)];
                if (a != b) a.ApplyUpdate(b.EncodeStateAsUpdate(a.EncodeStateVector()));
            }
        }
        foreach (var a in docs)
        {
            foreach (var b in docs)
            {
                if (a != b) a.ApplyUpdate(b.EncodeStateAsUpdate(a.EncodeStateVector()));
            }
        }
        var half = v1.Count / 2;
        var baseDoc = new YDoc(new YDocOptions { ClientId = 0xF0220, Gc = gc });
        for (var i = 0; i < half; i++) baseDoc.ApplyUpdate(v1[i]);
        var inputs = new List<FuzzInput>();
        for (var i = half; i < v1.Count; i++)
        {
            inputs.Add(new FuzzInput($"session {index} update[{i}]", v1[i], false));
            inputs.Add(new FuzzInput($"session {index} updateV2[{i}]", v2[i], true));
        }
        var sv = baseDoc.EncodeStateVector();
        inputs.Add(new FuzzInput($"session {index} diff", subject.EncodeStateAsUpdate(sv), false));
        inputs.Add(new FuzzInput($"session {index} diffV2", subject.EncodeStateAsUpdateV2(sv), true));
        inputs.Add(new FuzzInput($"session {index} state", subject.EncodeStateAsUpdate(), false));
        inputs.Add(new FuzzInput($"session {index} stateV2", subject.EncodeStateAsUpdateV2(), true));
        return new FuzzScenario($"session {index} (gc {gc}, {peers} peers)", gc, baseDoc.EncodeStateAsUpdate(), inputs);
    }

    private static readonly string[] Words = ["a", "xy", "héllo", "😀", "世界", " ", "\n", "abcdef"];

    private static object? RandomValue(Random rng) => rng.Next(9) switch
    {
        0 => null,
        1 => rng.Next(2) == 0,
        2 => rng.Next(-1000, 1000),
        3 => rng.NextDouble() * 1e6,
        4 => Words[rng.Next(Words.Length)],
        5 => new Dictionary<string, object?> { ["k"] = rng.Next(10), ["s"] = "v" },
        6 => new List<object?> { 1, "two", null },
        7 => new byte[] { 1, 2, (byte)rng.Next(256) },
        _ => (long)rng.NextInt64(1L << 40),
    };

    private static void RandomEdit(Random rng, YDoc doc)
    {
        var t = doc.GetText("t");
        var m = doc.GetMap("m");
        var a = doc.GetArray("a");
        var x = doc.GetXmlFragment("x");
        switch (rng.Next(12))
        {
            case 0:
            case 1:
            case 2:
                t.Insert(rng.Next(t.Length + 1), Words[rng.Next(Words.Length)]);
                break;
            case 3:
                t.Insert(rng.Next(t.Length + 1), Words[rng.Next(Words.Length)],
                    new Dictionary<string, object?> { [rng.Next(2) == 0 ? "bold" : "color"] = rng.Next(2) == 0 ? true : "red" });
                break;
            case 4:
                if (t.Length > 0)
                {
                    var i = rng.Next(t.Length);
                    t.Delete(i, Math.Min(t.Length - i, rng.Next(1, 5)));
                }
                break;
            case 5:
                if (t.Length > 0)
                {
                    var i = rng.Next(t.Length);
                    t.Format(i, Math.Min(t.Length - i, rng.Next(1, 5)), new Dictionary<string, object?> { ["italic"] = rng.Next(3) == 0 ? null : true });
                }
                else t.InsertEmbed(0, new Dictionary<string, object?> { ["image"] = "x.png" });
                break;
            case 6:
                m.Set("k" + rng.Next(5), RandomValue(rng));
                break;
            case 7:
                if (rng.Next(2) == 0) m.Delete("k" + rng.Next(5));
                else
                {
                    var nested = new YText();
                    m.Set("text" + rng.Next(2), nested);
                    nested.Insert(0, "nested");
                }
                break;
            case 8:
                a.Insert(rng.Next(a.Length + 1), RandomValue(rng), RandomValue(rng));
                break;
            case 9:
                if (a.Length > 0)
                {
                    var i = rng.Next(a.Length);
                    a.Delete(i, Math.Min(a.Length - i, rng.Next(1, 3)));
                }
                else
                {
                    var inner = new YMap();
                    a.Push(inner);
                    inner.Set("in", 1);
                }
                break;
            case 10:
                {
                    var e = new YXmlElement(rng.Next(2) == 0 ? "p" : "div");
                    x.Insert(rng.Next(x.Length + 1), e);
                    e.SetAttribute("class", "c" + rng.Next(3));
                    var xt = new YXmlText();
                    e.Insert(0, xt);
                    xt.Insert(0, "xml text");
                    break;
                }
            default:
                if (x.Length > 0) x.Delete(rng.Next(x.Length));
                else doc.Transact(_ => { t.Insert(0, "tx"); m.Set("tx", 1); });
                break;
        }
    }
}
