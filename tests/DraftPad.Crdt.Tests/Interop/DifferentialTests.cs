using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace DraftPad.Crdt.Tests.Interop;

/// <summary>
/// Seeded, randomized multi-peer sessions run at once in real yjs (node) and in DraftPad.Crdt:
/// every local edit must produce byte-identical updates, and after every sync the encoded states
/// (V1 and V2) and the contents must be identical. Reproduce a failure with DRAFTPAD_SEED=n;
/// DRAFTPAD_LONG=1 runs many more sessions.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private static readonly (string Name, string Kind)[] Roots = [("text", "text"), ("map", "map"), ("array", "array")];

    [Fact]
    public void RandomSessionsMatchYjs()
    {
        var seedText = Environment.GetEnvironmentVariable("DRAFTPAD_SEED");
        var longRun = Environment.GetEnvironmentVariable("DRAFTPAD_LONG") == "1";
        // CI (CI=true) judges every submission on the same sessions; elsewhere each run explores new ones.
        var deterministic = Environment.GetEnvironmentVariable("CI") == "true" && !longRun;
        var baseSeed = seedText != null ? int.Parse(seedText) : deterministic ? 20261123 : Random.Shared.Next();
        var sessions = seedText != null ? 1 : longRun ? 400 : 24;
        output.WriteLine($"differential test: base seed {baseSeed}, {sessions} sessions (reproduce with DRAFTPAD_SEED={baseSeed})");
        using var yjs = new YjsPeerProcess();
        for (var s = 0; s < sessions; s++)
        {
            var seed = baseSeed + s;
            try
            {
                new Session(yjs, seed, longRun ? 600 : 250).Run();
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Differential session failed: DRAFTPAD_SEED={seed}\n{e}");
            }
        }
    }

    private sealed class Session
    {
        private readonly YjsPeerProcess _yjs;
        private readonly Random _rng;
        private readonly int _steps;
        private readonly int _seed;
        private readonly List<YDoc> _docs = new();
        private readonly List<bool> _offline = new();
        private readonly List<byte[]> _messages = new();
        private readonly List<List<int>> _undelivered = new();

        public Session(YjsPeerProcess yjs, int seed, int steps)
        {
            _yjs = yjs;
            _seed = seed;
            _rng = new Random(seed);
            _steps = steps;
        }

        public void Run()
        {
            _yjs.Send(new JsonObject { ["cmd"] = "reset" });
            var peers = _rng.Next(2, 5);
            var gc = _rng.Next(4) != 0;
            var usedIds = new HashSet<ulong>();
            for (var p = 0; p < peers; p++)
            {
                ulong client;
                do client = (ulong)_rng.NextInt64(1, 1L << 32); while (!usedIds.Add(client));
                var doc = new YDoc(new YDocOptions { ClientId = client, Gc = gc });
                foreach (var (name, kind) in Roots)
                {
                    _ = Canonical.Root(doc, name, kind); // define every root up front, as the node side does
                }
                _docs.Add(doc);
                _offline.Add(false);
                _undelivered.Add(new List<int>());
                _yjs.Send(new JsonObject { ["cmd"] = "new", ["peer"] = p, ["client"] = client, ["gc"] = gc });
                _yjs.Send(new JsonObject { ["cmd"] = "content", ["peer"] = p, ["roots"] = RootsJson() });
            }
            for (var step = 0; step < _steps; step++)
            {
                var roll = _rng.Next(100);
                if (roll < 60) LocalEdit(_rng.Next(peers));
                else if (roll < 85) DeliverSome();
                else if (roll < 92) _offline[_rng.Next(peers)] ^= true;
                else
                {
                    SyncAll();
                    Compare(step);
                }
            }
            for (var p = 0; p < peers; p++) _offline[p] = false;
            SyncAll();
            Compare(_steps);
        }

        private static JsonArray RootsJson() =>
            new(Roots.Select(r => (JsonNode)new JsonObject { ["root"] = r.Name, ["kind"] = r.Kind }).ToArray());

        private void Broadcast(int from, JsonArray updates)
        {
            foreach (var u in updates)
            {
                var bytes = Convert.FromBase64String(u!.GetValue<string>());
                var id = _messages.Count;
                _messages.Add(bytes);
                for (var p = 0; p < _docs.Count; p++)
                {
                    if (p != from) _undelivered[p].Add(id);
                }
            }
        }

        private void LocalEdit(int peer)
        {
            var doc = _docs[peer];
            var (op, apply) = RandomOp(doc);
            var produced = new List<byte[]>();
            void Capture(object? s, UpdateEventArgs e) => produced.Add(e.Update);
            doc.UpdateV1 += Capture;
            try { apply(); }
            finally { doc.UpdateV1 -= Capture; }
            var response = _yjs.Send(new JsonObject { ["cmd"] = "op", ["peer"] = peer, ["op"] = op });
            var updates = response["updates"]!.AsArray();
            Assert.True(updates.Count == produced.Count,
                $"seed {_seed}: op {op.ToJsonString()} produced {produced.Count} updates, yjs {updates.Count}");
            for (var i = 0; i < produced.Count; i++)
            {
                Assert.True(Convert.ToBase64String(produced[i]) == updates[i]!.GetValue<string>(),
                    $"seed {_seed}: op {op.ToJsonString()}\n C#:  {Hex.Format(produced[i])}\n yjs: {Hex.Format(Convert.FromBase64String(updates[i]!.GetValue<string>()))}");
            }
            Broadcast(peer, updates);
        }

        private void Deliver(int peer, int messageId)
        {
            var bytes = _messages[messageId];
            var produced = new List<byte[]>();
            void Capture(object? s, UpdateEventArgs e) { if (e.Transaction.Local) produced.Add(e.Update); }
            _docs[peer].UpdateV1 += Capture;
            try { _docs[peer].ApplyUpdate(bytes); }
            finally { _docs[peer].UpdateV1 -= Capture; }
            var response = _yjs.Send(new JsonObject { ["cmd"] = "apply", ["peer"] = peer, ["update"] = Convert.ToBase64String(bytes) });
            // yjs reports the applied update's own event too; the remote-formatting cleanups follow it.
            var all = response["updates"]!.AsArray();
            var cleanups = new JsonArray(all.Skip(all.Count - produced.Count).Select(n => (JsonNode?)n!.GetValue<string>()).ToArray());
            Assert.True(all.Count - produced.Count is 0 or 1,
                $"seed {_seed}: delivering message {messageId} to peer {peer}: yjs emitted {all.Count} updates, C# cleanups {produced.Count}");
            for (var i = 0; i < produced.Count; i++)
            {
                Assert.True(Convert.ToBase64String(produced[i]) == cleanups[i]!.GetValue<string>(),
                    $"seed {_seed}: formatting cleanup differs\n C#:  {Hex.Format(produced[i])}\n yjs: {cleanups[i]}");
            }
            Broadcast(peer, cleanups);
        }

        private void DeliverSome()
        {
            var peer = _rng.Next(_docs.Count);
            if (_offline[peer] || _undelivered[peer].Count == 0) return;
            var count = _rng.Next(1, 4);
            for (var i = 0; i < count && _undelivered[peer].Count > 0; i++)
            {
                // Random pick: messages arrive reordered, sometimes before what they depend on.
                var k = _rng.Next(_undelivered[peer].Count);
                var id = _undelivered[peer][k];
                _undelivered[peer].RemoveAt(k);
                Deliver(peer, id);
            }
        }

        private void SyncAll()
        {
            var progress = true;
            while (progress)
            {
                progress = false;
                for (var p = 0; p < _docs.Count; p++)
                {
                    if (_offline[p]) continue;
                    while (_undelivered[p].Count > 0)
                    {
                        var k = _rng.Next(_undelivered[p].Count);
                        var id = _undelivered[p][k];
                        _undelivered[p].RemoveAt(k);
                        Deliver(p, id);
                        progress = true;
                    }
                }
            }
        }

        private void Compare(int step)
        {
            JsonNode? reference = null;
            for (var p = 0; p < _docs.Count; p++)
            {
                var doc = _docs[p];
                var state = _yjs.Send(new JsonObject { ["cmd"] = "state", ["peer"] = p });
                var ctx = $"seed {_seed}, step {step}, peer {p}";
                Assert.True(Convert.ToBase64String(doc.EncodeStateVector()) == state["sv"]!.GetValue<string>(), $"{ctx}: state vectors differ");
                var v1 = doc.EncodeStateAsUpdate();
                Assert.True(Convert.ToBase64String(v1) == state["v1"]!.GetValue<string>(),
                    $"{ctx}: V1 state differs\n C#:  {Hex.Format(v1)}\n yjs: {Hex.Format(Convert.FromBase64String(state["v1"]!.GetValue<string>()))}");
                Assert.True(Convert.ToBase64String(doc.EncodeStateAsUpdateV2()) == state["v2"]!.GetValue<string>(), $"{ctx}: V2 state differs");
                var content = _yjs.Send(new JsonObject { ["cmd"] = "content", ["peer"] = p, ["roots"] = RootsJson() })["content"]!;
                var mine = new JsonObject();
                foreach (var (name, kind) in Roots) mine[name] = Canonical.Root(doc, name, kind);
                Assert.True(Canonical.Equal(mine, content), $"{ctx}: content differs\n C#:  {mine.ToJsonString()}\n yjs: {content.ToJsonString()}");
                if (!_offline[p] && _undelivered[p].Count == 0)
                {
                    if (reference == null) reference = content;
                    else Assert.True(Canonical.Equal(reference, content), $"{ctx}: synced peers did not converge\n ref: {reference.ToJsonString()}\n this: {content.ToJsonString()}");
                }
            }
        }

        // ---- random operations, chosen from the C# document's state (identical to yjs's while both agree)

        private (JsonObject Op, Action Apply) RandomOp(YDoc doc)
        {
            var targets = new List<(YType Type, JsonObject Target)>();
            foreach (var (name, kind) in Roots)
            {
                YType root = kind switch { "text" => doc.GetText(name), "map" => doc.GetMap(name), _ => doc.GetArray(name) };
                Collect(root, name, kind, new JsonArray(), targets, 0);
            }
            var (type, target) = targets[_rng.Next(targets.Count)];
            return type switch
            {
                YText t => TextOp(t, target),
                YMap m => MapOp(m, target),
                YArray a => ArrayOp(a, target),
                _ => throw new InvalidOperationException(),
            };
        }

        private static void Collect(YType type, string root, string kind, JsonArray path, List<(YType, JsonObject)> targets, int depth)
        {
            targets.Add((type, new JsonObject { ["root"] = root, ["kind"] = kind, ["path"] = path.DeepClone() }));
            if (depth >= 2) return;
            switch (type)
            {
                case YMap m:
                    foreach (var key in m.Keys.ToList())
                    {
                        if (m.Get(key) is YText or YMap or YArray)
                        {
                            var p = path.DeepClone().AsArray();
                            p.Add(key);
                            Collect((YType)m.Get(key)!, root, kind, p, targets, depth + 1);
                        }
                    }
                    break;
                case YArray a:
                    var items = a.ToList();
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is YText or YMap or YArray)
                        {
                            var p = path.DeepClone().AsArray();
                            p.Add(i);
                            Collect((YType)items[i]!, root, kind, p, targets, depth + 1);
                        }
                    }
                    break;
            }
        }

        private static readonly string[] Words = ["a", "b", "hello ", "XMPP", "\n", "é", "😀", "news", "  ", "## ", "[x](y)"];
        private static readonly string[] AttrKeys = ["bold", "italic", "link"];

        private string RandomText() => string.Concat(Enumerable.Range(0, _rng.Next(1, 4)).Select(_ => Words[_rng.Next(Words.Length)]));

        private Dictionary<string, object?> RandomAttrs(bool allowNull)
        {
            var attrs = new Dictionary<string, object?>();
            var n = _rng.Next(1, 3);
            for (var i = 0; i < n; i++)
            {
                var key = AttrKeys[_rng.Next(AttrKeys.Length)];
                attrs[key] = (_rng.Next(4), allowNull) switch
                {
                    (0, true) => null,
                    (1, _) => "https://xmpp.org/" + _rng.Next(3),
                    (2, _) => new Dictionary<string, object?> { ["v"] = (double)_rng.Next(2) },
                    _ => true,
                };
            }
            return attrs;
        }

        // Yjs replaces a surrogate pair split by a local edit with U+FFFD on the editing peer only,
        // so stock Yjs peers themselves diverge on such edits. Keep indices on code point boundaries.
        private static int Boundary(string units, int index) =>
            index > 0 && index < units.Length && char.IsLowSurrogate(units[index]) && char.IsHighSurrogate(units[index - 1]) ? index + 1 : index;

        private (JsonObject, Action) TextOp(YText t, JsonObject target)
        {
            var len = t.Length;
            var units = UnitsOf(t);
            var roll = _rng.Next(100);
            if (roll < 50 || len == 0)
            {
                var index = Boundary(units, _rng.Next(len + 1));
                var text = RandomText();
                var withAttrs = _rng.Next(3) == 0;
                var attrs = withAttrs ? RandomAttrs(allowNull: true) : null;
                var op = new JsonObject { ["type"] = "insertText", ["target"] = target, ["index"] = index, ["text"] = text, ["attrs"] = attrs == null ? null : ToJson(attrs) };
                return (op, () => t.Insert(index, text, attrs));
            }
            if (roll < 75)
            {
                var index = Boundary(units, _rng.Next(len));
                if (index >= len) index = 0;
                var length = Boundary(units, index + _rng.Next(1, Math.Min(len - index, 6) + 1)) - index;
                return (new JsonObject { ["type"] = "deleteText", ["target"] = target, ["index"] = index, ["length"] = length }, () => t.Delete(index, length));
            }
            if (roll < 93)
            {
                var index = Boundary(units, _rng.Next(len));
                if (index >= len) index = 0;
                var length = Boundary(units, index + _rng.Next(1, Math.Min(len - index, 8) + 1)) - index;
                var attrs = RandomAttrs(allowNull: true);
                return (new JsonObject { ["type"] = "format", ["target"] = target, ["index"] = index, ["length"] = length, ["attrs"] = ToJson(attrs) }, () => t.Format(index, length, attrs));
            }
            {
                var index = Boundary(units, _rng.Next(len + 1));
                var embed = new Dictionary<string, object?> { ["image"] = "/images/newsletter/" + _rng.Next(5) + ".png" };
                return (new JsonObject { ["type"] = "insertEmbed", ["target"] = target, ["index"] = index, ["embed"] = ToJson(embed), ["attrs"] = null }, () => t.InsertEmbed(index, embed));
            }
        }

        /// <summary>The text's index space: string units, with one placeholder unit per embed.</summary>
        private static string UnitsOf(YText t) =>
            string.Concat(t.ToDelta().Select(op => op.Insert as string ?? "\u0001"));

        private (object? Value, JsonNode? Json) RandomValue(bool allowTypes)
        {
            switch (_rng.Next(allowTypes ? 10 : 7))
            {
                case 0: { var v = (double)_rng.Next(-1000, 1000); return (v, JsonValue.Create(v)); }
                case 1: { var d = _rng.NextDouble() * 100; return (d, JsonValue.Create(d)); }
                case 2: { var s = RandomText(); return (s, JsonValue.Create(s)); }
                case 3: { var b = _rng.Next(2) == 0; return (b, JsonValue.Create(b)); }
                case 4: return (null, null);
                case 5:
                    {
                        var o = new Dictionary<string, object?> { ["name"] = "p" + _rng.Next(9), ["n"] = (double)_rng.Next(5), ["tags"] = new List<object?> { "a", 1.0 } };
                        return (o, ToJson(o));
                    }
                case 6:
                    {
                        var bytes = new byte[_rng.Next(0, 4)];
                        _rng.NextBytes(bytes);
                        return (bytes, new JsonObject { ["$bytes"] = Convert.ToBase64String(bytes) });
                    }
                case 7: { var init = "init" + _rng.Next(3); return (new YText(init), new JsonObject { ["$type"] = "text", ["init"] = init }); }
                case 8: return (new YMap(), new JsonObject { ["$type"] = "map" });
                default: return (new YArray(), new JsonObject { ["$type"] = "array" });
            }
        }

        private (JsonObject, Action) MapOp(YMap m, JsonObject target)
        {
            var key = "k" + _rng.Next(5);
            if (_rng.Next(5) == 0)
            {
                return (new JsonObject { ["type"] = "mapDelete", ["target"] = target, ["key"] = key }, () => m.Delete(key));
            }
            var (value, json) = RandomValue(allowTypes: true);
            return (new JsonObject { ["type"] = "mapSet", ["target"] = target, ["key"] = key, ["value"] = json }, () => m.Set(key, value));
        }

        private (JsonObject, Action) ArrayOp(YArray a, JsonObject target)
        {
            var len = a.Length;
            if (len > 0 && _rng.Next(3) == 0)
            {
                var index = _rng.Next(len);
                var length = _rng.Next(1, Math.Min(len - index, 3) + 1);
                return (new JsonObject { ["type"] = "arrayDelete", ["target"] = target, ["index"] = index, ["length"] = length }, () => a.Delete(index, length));
            }
            {
                var index = _rng.Next(len + 1);
                var values = Enumerable.Range(0, _rng.Next(1, 4)).Select(_ => RandomValue(allowTypes: _rng.Next(4) == 0)).ToList();
                var json = new JsonArray(values.Select(v => v.Json?.DeepClone()).ToArray());
                var arr = values.Select(v => v.Value).ToArray();
                return (new JsonObject { ["type"] = "arrayInsert", ["target"] = target, ["index"] = index, ["values"] = json }, () => a.Insert(index, arr));
            }
        }

        private static JsonNode? ToJson(object? value) => value switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            double d => JsonValue.Create(d),
            string s => JsonValue.Create(s),
            IReadOnlyDictionary<string, object?> dict => new JsonObject(dict.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
            IEnumerable<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
            _ => throw new ArgumentException(value.GetType().Name),
        };
    }
}
