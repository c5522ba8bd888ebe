using DraftPad.Crdt.Encoding;
using DraftPad.Crdt.Protocols;

namespace DraftPad.Crdt.Tests.Protocols;

public class AwarenessTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static Dictionary<string, object?> User(string name) =>
        new() { ["user"] = new Dictionary<string, object?> { ["name"] = name } };

    [Fact]
    public void EncodesLikeYProtocols()
    {
        // Spec vector 10.15: client 7, clock 1, {"user":{"name":"a"}}; then removal at clock 2.
        var a = new Awareness(7);
        a.SetLocalState(new Dictionary<string, object?>());
        a.SetLocalState(User("a"));
        Assert.Equal("01 07 01 15 7b 22 75 73 65 72 22 3a 7b 22 6e 61 6d 65 22 3a 22 61 22 7d 7d", Hex.Format(a.EncodeUpdate([7])));
        a.SetLocalState(null);
        Assert.Equal("01 07 02 04 6e 75 6c 6c", Hex.Format(a.EncodeUpdate([7])));
    }

    [Fact]
    public void AppliesNewerClocksAndNullRemoval()
    {
        var server = new Awareness(1);
        var changes = new List<AwarenessChange>();
        server.Changed += changes.Add;
        var peer = new Awareness(7, withEmptyLocalState: true); // like y-protocols: {} at clock 0 first
        peer.SetLocalState(User("alice"));
        server.ApplyUpdate(peer.EncodeUpdate([7]), "conn-1");
        Assert.Equal([7UL], changes[^1].Added);
        Assert.Equal("conn-1", changes[^1].Origin);

        // An older clock is ignored.
        var stale = AwarenessUpdate.Encode([new AwarenessEntry(7, 0, User("old"))]);
        var change = server.ApplyUpdate(stale, "conn-1");
        Assert.Empty(change.All);

        // Null at the same clock removes it (anyone may mark a peer offline).
        server.ApplyUpdate(AwarenessUpdate.Encode([new AwarenessEntry(7, peer.ClockOf(7)!.Value, null)]), "conn-2");
        Assert.Equal([7UL], changes[^1].Removed);
        Assert.False(server.States.ContainsKey(7));
    }

    [Fact]
    public void NobodyRemovesOurOwnLiveState()
    {
        var me = new Awareness(1);
        me.SetLocalState(User("server"));
        var clock = me.ClockOf(1)!.Value;
        me.ApplyUpdate(AwarenessUpdate.Encode([new AwarenessEntry(1, clock + 1, null)]), "remote");
        Assert.NotNull(me.LocalState);
        Assert.Equal(clock + 2, me.ClockOf(1));
    }

    [Fact]
    public void PeersTimeOutAfterThirtySeconds()
    {
        var time = new ManualTime();
        var server = new Awareness(1, time);
        server.ApplyUpdate(AwarenessUpdate.Encode([new AwarenessEntry(9, 3, User("bob"))]), "c");
        time.Now += TimeSpan.FromSeconds(29);
        server.CheckTimeouts();
        Assert.True(server.States.ContainsKey(9));
        time.Now += TimeSpan.FromSeconds(1);
        server.CheckTimeouts();
        Assert.False(server.States.ContainsKey(9));
    }

    [Fact]
    public void MalformedUpdatesChangeNothing()
    {
        var server = new Awareness(1);
        server.ApplyUpdate(AwarenessUpdate.Encode([new AwarenessEntry(9, 3, User("bob"))]), "c");
        var good = AwarenessUpdate.Encode([new AwarenessEntry(9, 4, User("bobby")), new AwarenessEntry(10, 1, User("eve"))]);
        for (var cut = 0; cut < good.Length; cut++)
        {
            Assert.Throws<YjsDecodeException>(() => server.ApplyUpdate(good[..cut], "c"));
        }
        var w = new Lib0Writer();
        w.WriteVarUint(1);
        w.WriteVarUint(9);
        w.WriteVarUint(9);
        w.WriteVarString("{\"user\":");
        Assert.Throws<YjsDecodeException>(() => server.ApplyUpdate(w.ToArray(), "c"));
        Assert.Equal(3, server.ClockOf(9));
        Assert.False(server.States.ContainsKey(10));
    }

    [Fact]
    public void RandomBytesOnlyEverThrowTheDecodeException()
    {
        var seed = Environment.GetEnvironmentVariable("DRAFTPAD_SEED") is { } s ? int.Parse(s) : Random.Shared.Next();
        var rng = new Random(seed);
        var target = new Awareness(1);
        for (var i = 0; i < 5000; i++)
        {
            var junk = new byte[rng.Next(1, 40)];
            rng.NextBytes(junk);
            try
            {
                target.ApplyUpdate(junk, "c");
                YMessage.Parse(junk);
            }
            catch (YjsDecodeException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed} (DRAFTPAD_SEED={seed}): {Hex.Format(junk)} threw {e}");
            }
        }
    }
}
