using System.Text.Json.Nodes;
using DraftPad.Crdt.Encoding;
using DraftPad.Crdt.Protocols;

namespace DraftPad.Crdt.Tests.Protocols;

public class AwarenessTests
{
    private static JsonNode User(string name) => new JsonObject { ["user"] = new JsonObject { ["name"] = name } };

    private static byte[] Update(params (ulong Client, long Clock, string Json)[] entries) =>
        AwarenessUpdate.Encode(entries.Select(e => AwarenessUpdateEntry.FromJson(e.Client, e.Clock, e.Json)));

    /// <summary>Records both events in order.</summary>
    private sealed class Recorder
    {
        public readonly List<(string Event, AwarenessChangeEventArgs Args)> Events = [];

        public Recorder(Awareness awareness)
        {
            awareness.Changed += (_, e) => Events.Add(("change", e));
            awareness.Updated += (_, e) => Events.Add(("update", e));
        }

        public string Take()
        {
            var s = string.Join(" ", Events.Select(e =>
                $"{e.Event}[{string.Join(",", e.Args.Added)}|{string.Join(",", e.Args.Updated)}|{string.Join(",", e.Args.Removed)}]@{e.Args.Origin}"));
            Events.Clear();
            return s;
        }
    }

    [Fact]
    public void EncodesSpecVector10_15()
    {
        var a = new Awareness(7);
        a.SetLocalState(new JsonObject()); // what the JS constructor does (clock 0)
        a.SetLocalState(User("a"));
        Assert.Equal("01 07 01 15 7b 22 75 73 65 72 22 3a 7b 22 6e 61 6d 65 22 3a 22 61 22 7d 7d", Hex.Format(Awareness.EncodeUpdate(a, [7])));
        a.SetLocalState(null);
        Assert.Equal("01 07 02 04 6e 75 6c 6c", Hex.Format(Awareness.EncodeUpdate(a, [7])));

        var parsed = AwarenessUpdate.Parse(Hex.Parse("01 07 01 15 7b 22 75 73 65 72 22 3a 7b 22 6e 61 6d 65 22 3a 22 61 22 7d 7d"));
        var entry = Assert.Single(parsed.Entries);
        Assert.Equal((7UL, 1L, "{\"user\":{\"name\":\"a\"}}"), (entry.ClientId, entry.Clock, entry.Json));
        Assert.Equal("a", (string?)entry.State!["user"]!["name"]);
    }

    [Fact]
    public void ConstructsFromADocument()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 4242 });
        var a = new Awareness(doc);
        Assert.Equal(4242UL, a.ClientId);
        Assert.Null(a.GetLocalState());
        Assert.Empty(a.GetStates());
        Assert.Equal([0], a.EncodeAllStates());
    }

    [Fact]
    public void LocalStateIsCompactJsJson()
    {
        var a = new Awareness(3);
        a.SetLocalState(JsonNode.Parse("""{ "b" : 1.50, "2": [ true, null ], "1": "x", "n": 1e21, "s": "é\u0001" }"""));
        Assert.Equal("""{"1":"x","2":[true,null],"b":1.5,"n":1e+21,"s":"é\u0001"}""", a.GetLocalStateJson());
        Assert.Equal(a.GetLocalStateJson(), a.GetStates()[3].Json);
        Assert.Equal(1.5, (double)a.GetLocalState()!["b"]!);

        // The returned node is a copy.
        var copy = a.GetLocalState()!;
        copy["b"] = 2;
        Assert.Equal(1.5, (double)a.GetLocalState()!["b"]!);

        // Built nodes with CLR numbers are written like JS numbers.
        a.SetLocalState(new JsonObject { ["i"] = 3, ["l"] = 9007199254740993L, ["d"] = 0.1m, ["f"] = double.NaN, ["z"] = -0.0 });
        Assert.Equal("""{"i":3,"l":9007199254740992,"d":0.1,"f":null,"z":0}""", a.GetLocalStateJson());
    }

    [Fact]
    public void SetLocalStateFieldSpreadsTheState()
    {
        var a = new Awareness(3);
        a.SetLocalStateField("ignored", 1); // no local state: nothing happens
        Assert.Null(a.GetLocalState());
        Assert.Empty(a.Meta);

        a.SetLocalState(User("a"));
        a.SetLocalStateField("cursor", new JsonObject { ["anchor"] = 4 });
        Assert.Equal("""{"user":{"name":"a"},"cursor":{"anchor":4}}""", a.GetLocalStateJson());
        a.SetLocalStateField("user", "b");
        Assert.Equal("""{"user":"b","cursor":{"anchor":4}}""", a.GetLocalStateJson());
        Assert.Equal(2, a.Meta[3].Clock);
    }

    [Fact]
    public void AppliesNewerClocksAndNullRemovalAtTheSameClock()
    {
        var server = new Awareness(1);
        var rec = new Recorder(server);

        var peer = new Awareness(7);
        peer.SetLocalState(new JsonObject());
        peer.SetLocalState(User("alice"));
        var change = server.ApplyUpdate(Awareness.EncodeUpdate(peer, [7]), "conn-1");
        Assert.Equal([7UL], change.Added);
        Assert.Equal("change[7||]@conn-1 update[7||]@conn-1", rec.Take());
        Assert.Equal("alice", (string?)server.GetStates()[7].State!["user"]!["name"]);
        Assert.Equal(1, server.Meta[7].Clock);

        // Older or equal clocks with a state are ignored.
        Assert.True(server.ApplyUpdate(Update((7, 0, """{"user":"old"}""")), "conn-1").IsEmpty);
        Assert.True(server.ApplyUpdate(Update((7, 1, """{"user":"same clock"}""")), "conn-1").IsEmpty);
        Assert.Equal("", rec.Take());

        // A renewal (newer clock, same content) is an update but not a change.
        server.ApplyUpdate(Update((7, 2, """{"user":{"name":"alice"}}""")), "conn-1");
        Assert.Equal("update[|7|]@conn-1", rec.Take());

        // Null at the same clock removes it: anyone may mark a peer offline.
        server.ApplyUpdate(Update((7, 2, "null")), "conn-2");
        Assert.Equal("change[||7]@conn-2 update[||7]@conn-2", rec.Take());
        Assert.False(server.GetStates().ContainsKey(7));
        Assert.Equal(2, server.Meta[7].Clock);
        Assert.Equal("01 07 02 04 6e 75 6c 6c", Hex.Format(Awareness.EncodeUpdate(server, [7])));

        // Again: nothing is held, so nothing happens.
        Assert.True(server.ApplyUpdate(Update((7, 2, "null")), "conn-2").IsEmpty);

        // Coming back after a removal is reported as updated (the clock was known).
        server.ApplyUpdate(Update((7, 3, """{"x":1}""")), "conn-1");
        Assert.Equal("change[|7|]@conn-1 update[|7|]@conn-1", rec.Take());

        // An unknown client's clock-0 state is not applied (unknown counts as clock 0).
        Assert.True(server.ApplyUpdate(Update((8, 0, "{}")), "conn-3").IsEmpty);
        Assert.False(server.Meta.ContainsKey(8));
    }

    [Fact]
    public void NobodyRemovesOurOwnLiveState()
    {
        var me = new Awareness(1);
        me.SetLocalState(User("server"));
        var rec = new Recorder(me);
        var clock = me.Meta[1].Clock;

        var change = me.ApplyUpdate(Update((1, clock + 1, "null")), "remote");
        Assert.Equal("""{"user":{"name":"server"}}""", me.GetLocalStateJson());
        Assert.Equal(clock + 2, me.Meta[1].Clock);
        // Like y-protocols: reported as removed, so the owner re-broadcasts its (still present) state.
        Assert.Equal("change[||1]@remote update[||1]@remote", rec.Take());
        Assert.Equal([1UL], change.ChangedClients);
        var rebroadcast = AwarenessUpdate.Parse(Awareness.EncodeUpdate(me, change.ChangedClients)).Entries.Single();
        Assert.Equal((clock + 2, """{"user":{"name":"server"}}"""), (rebroadcast.Clock, rebroadcast.Json));

        // Same at the equal clock.
        me.ApplyUpdate(Update((1, clock + 2, "null")), "remote");
        Assert.NotNull(me.GetLocalState());
        Assert.Equal(clock + 3, me.Meta[1].Clock);
    }

    [Fact]
    public void FalsyStatesBehaveLikeJs()
    {
        var a = new Awareness(1);
        a.ApplyUpdate(Update((5, 1, "0"), (6, 1, "\"\""), (7, 1, "false"), (8, 1, "[]")), "r");
        Assert.Equal(4, a.GetStates().Count);
        // states.get(id) || null: falsy states are sent as null.
        var reencoded = AwarenessUpdate.Parse(Awareness.EncodeUpdate(a, [5, 6, 7, 8])).Entries.Select(e => e.Json);
        Assert.Equal(["null", "null", "null", "[]"], reencoded);

        a.SetLocalState(0);
        Assert.Null(a.GetLocalState());
        Assert.Null(a.GetLocalStateJson());
        Assert.True(a.GetStates().ContainsKey(1));
        // A falsy own state is not protected.
        a.ApplyUpdate(Update((1, a.Meta[1].Clock, "null")), "r");
        Assert.False(a.GetStates().ContainsKey(1));
    }

    [Fact]
    public void RemoveStatesMarksClientsGone()
    {
        var time = new ManualTimeProvider();
        var server = new Awareness(1, time);
        server.SetLocalState(User("srv"));
        server.ApplyUpdate(Update((9, 3, """{"u":9}"""), (10, 1, """{"u":10}""")), "conn");
        var rec = new Recorder(server);

        var removed = server.RemoveStates([9, 42], "closed");
        Assert.Equal([9UL], removed);
        Assert.Equal("change[||9]@closed update[||9]@closed", rec.Take());
        // The broadcast marks 9 as gone at the same clock, which peers accept.
        Assert.Equal("01 09 03 04 6e 75 6c 6c", Hex.Format(Awareness.EncodeUpdate(server, removed)));
        Assert.Empty(server.RemoveStates([9], "closed"));
        Assert.Equal("", rec.Take());

        var peer = new Awareness(2);
        peer.ApplyUpdate(Update((9, 3, """{"u":9}""")), "x");
        peer.ApplyUpdate(Awareness.EncodeUpdate(server, removed), "x");
        Assert.False(peer.GetStates().ContainsKey(9));

        // Removing our own state bumps our clock.
        var clock = server.Meta[1].Clock;
        server.RemoveStates([1], "bye");
        Assert.Equal(clock + 1, server.Meta[1].Clock);
        Assert.Null(server.GetLocalState());
        Assert.Equal($"01 01 {clock + 1:x2} 04 6e 75 6c 6c", Hex.Format(Awareness.EncodeUpdate(server, [1])));
    }

    [Fact]
    public void PeersTimeOutAfterThirtySecondsAndOurStateIsRenewedAfterFifteen()
    {
        var time = new ManualTimeProvider();
        var server = new Awareness(1, time);
        server.SetLocalState(User("srv"));
        server.ApplyUpdate(Update((9, 3, """{"u":"bob"}""")), "c");
        var start = time.Now;
        Assert.Equal(start, server.GetStates()[9].LastUpdated);
        var rec = new Recorder(server);

        time.Advance(TimeSpan.FromSeconds(14.999));
        Assert.Empty(server.CheckTimeouts());
        Assert.Equal("", rec.Take());

        time.Advance(TimeSpan.FromMilliseconds(1)); // 15 s: our own state is re-announced
        Assert.Empty(server.CheckTimeouts());
        Assert.Equal("update[|1|]@local", rec.Take());
        Assert.Equal(1, server.Meta[1].Clock);
        Assert.Equal(time.Now, server.Meta[1].LastUpdated);

        // A renewal from the peer at 20 s keeps it alive past 30 s.
        time.Advance(TimeSpan.FromSeconds(5));
        server.ApplyUpdate(Update((9, 4, """{"u":"bob"}""")), "c");
        server.ApplyUpdate(Update((10, 1, """{"u":"eve"}""")), "c");
        rec.Take();
        time.Advance(TimeSpan.FromSeconds(10)); // 30 s after start
        Assert.Empty(server.CheckTimeouts());

        time.Advance(TimeSpan.FromSeconds(19.999)); // 49.999 s: 29.999 s after the renewal
        server.CheckTimeouts();
        Assert.True(server.GetStates().ContainsKey(9));
        rec.Take();
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([9UL, 10UL], server.CheckTimeouts());
        Assert.Equal("change[||9,10]@timeout update[||9,10]@timeout", rec.Take()); // ours was renewed at 49.999 s
        Assert.Equal([1UL], server.GetStates().Keys);
        // Removed peers keep their clocks.
        Assert.Equal(4, server.Meta[9].Clock);

        // Without a local state nothing is renewed.
        var quiet = new Awareness(5, time);
        var rec2 = new Recorder(quiet);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(quiet.CheckTimeouts());
        Assert.Equal("", rec2.Take());
    }

    [Fact]
    public void LocalChangesRaiseChangeOnlyWhenTheContentDiffers()
    {
        var a = new Awareness(1);
        var rec = new Recorder(a);
        a.SetLocalState(User("a"));
        Assert.Equal("change[1||]@local update[1||]@local", rec.Take());
        a.SetLocalState(User("a"));
        Assert.Equal("update[|1|]@local", rec.Take());
        a.SetLocalState(JsonNode.Parse("""{"x":1,"y":2}"""));
        a.SetLocalState(JsonNode.Parse("""{"y":2,"x":1}""")); // deep-equal: no change
        Assert.Equal("change[|1|]@local update[|1|]@local update[|1|]@local", rec.Take());
        a.SetLocalState(null);
        Assert.Equal("change[||1]@local update[||1]@local", rec.Take());
        a.SetLocalState(null);
        Assert.Equal("change[||1]@local update[||1]@local", rec.Take());
        Assert.Equal(5, a.Meta[1].Clock);
    }

    [Fact]
    public void EncodeUpdateSkipsUnknownClientsAndKeepsOrder()
    {
        var a = new Awareness(1);
        a.ApplyUpdate(Update((5, 1, "{}"), (6, 1, "[]")), null);
        var entries = AwarenessUpdate.Parse(Awareness.EncodeUpdate(a, [6, 99, 5, 6])).Entries;
        Assert.Equal([6UL, 5UL, 6UL], entries.Select(e => e.ClientId));
        Assert.Equal([0], Awareness.EncodeUpdate(a, []));
    }

    [Fact]
    public void ModifyUpdateRewritesStates()
    {
        var input = Update((5, 3, """{"user":{"name":"mallory"}}"""), (6, 1, "null"));
        var output = Awareness.ModifyUpdate(input, s =>
        {
            if (s is JsonObject o) o["user"] = new JsonObject { ["name"] = "verified" };
            return s;
        });
        var entries = AwarenessUpdate.Parse(output).Entries;
        Assert.Equal((5UL, 3L, """{"user":{"name":"verified"}}"""), (entries[0].ClientId, entries[0].Clock, entries[0].Json));
        Assert.Equal((6UL, 1L, "null"), (entries[1].ClientId, entries[1].Clock, entries[1].Json));
        Assert.Throws<YjsDecodeException>(() => Awareness.ModifyUpdate(input[..^1], s => s));
    }

    [Fact]
    public void MalformedUpdatesChangeNothing()
    {
        var time = new ManualTimeProvider();
        var server = new Awareness(1, time);
        server.ApplyUpdate(Update((9, 3, """{"u":"bob"}""")), "c");
        var rec = new Recorder(server);
        time.Advance(TimeSpan.FromSeconds(1));

        var good = Update((9, 4, """{"u":"bobby"}"""), (10, 1, """{"u":"eve"}"""));
        for (var cut = 0; cut < good.Length; cut++)
        {
            Assert.Throws<YjsDecodeException>(() => server.ApplyUpdate(good[..cut], "c"));
        }
        // First entry valid, second entry invalid JSON: the first must not be applied either.
        var w = new Lib0Writer();
        w.WriteVarUint(2);
        w.WriteVarUint(9);
        w.WriteVarUint(9);
        w.WriteVarString("""{"u":"new"}""");
        w.WriteVarUint(10);
        w.WriteVarUint(1);
        w.WriteVarString("""{"u":""");
        Assert.Contains("entry 1: Invalid JSON", Assert.Throws<YjsDecodeException>(() => server.ApplyUpdate(w.ToArray(), "c")).Message);
        // Absurd count.
        Assert.Contains("claims", Assert.Throws<YjsDecodeException>(() => server.ApplyUpdate(Hex.Parse("ff ff ff 0f 01 01 01 30"), "c")).Message);
        // Trailing bytes.
        Assert.Throws<YjsDecodeException>(() => server.ApplyUpdate([.. good, 0], "c"));

        Assert.Equal(3, server.Meta[9].Clock);
        Assert.Equal("""{"u":"bob"}""", server.GetStates()[9].Json);
        Assert.Equal(time.Now - TimeSpan.FromSeconds(1), server.Meta[9].LastUpdated);
        Assert.False(server.Meta.ContainsKey(10));
        Assert.Equal("", rec.Take());
    }

    [Fact]
    public void EntriesValidateTheirArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AwarenessUpdateEntry(1, -1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AwarenessUpdateEntry(1UL << 53, 0, null));
        Assert.Throws<YjsDecodeException>(() => AwarenessUpdateEntry.FromJson(1, 0, "{'a':1}"));
        Assert.Equal("""{"a":[1,2]}""", AwarenessUpdateEntry.FromJson(1, 0, """ { "a" : [1.0, 2e0] } """).Json);
        Assert.True(AwarenessUpdateEntry.FromJson(1, 0, " null ").IsRemoval);
    }
}
