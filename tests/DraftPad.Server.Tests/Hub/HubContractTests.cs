using System.Text.Json.Nodes;
using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using DraftPad.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace DraftPad.Server.Tests.Hub;

/// <summary>The hub contract of docs/protocol.md, message by message.</summary>
public sealed class HubContractTests
{
    private static readonly string Pad = TestPads.Current;

    [Theory]
    [InlineData(HubProtocol.Json)]
    [InlineData(HubProtocol.MessagePack)]
    public async Task Join_sends_sync_step1_first_and_answers_step1_with_step2(HubProtocol protocol)
    {
        await using var host = await ServerHost.StartAsync();
        await using var connection = PadPeer.Connect(host, protocol);
        var received = new List<byte[]>();
        var gotTwo = new TaskCompletionSource();
        connection.On<string, byte[]>("Receive", (pad, message) =>
        {
            Assert.Equal(Pad, pad);
            lock (received)
            {
                received.Add(message);
                if (received.Count == 2) gotTwo.TrySetResult();
            }
        });
        await connection.StartAsync();
        await connection.InvokeAsync("Join", Pad);
        var empty = new YDoc();
        await connection.InvokeAsync("Send", Pad, YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(empty)));
        await gotTwo.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var first = YMessage.Parse(received[0]);
        Assert.Equal(YMessageKind.Sync, first.Kind);
        Assert.Equal(SyncMessageType.Step1, first.Sync!.Type);
        var second = YMessage.Parse(received[1]);
        Assert.Equal(SyncMessageType.Step2, second.Sync!.Type);
        empty.ApplyUpdate(second.Sync.Payload);
        var markdown = await host.Http().GetStringAsync($"api/pads/{Pad}/markdown");
        Assert.Equal(markdown, empty.GetText("content").ToString());
        Assert.Equal(first.Sync.Payload, empty.EncodeStateVector());
    }

    [Fact]
    public async Task Presence_reaches_others_is_sent_on_join_and_is_removed_when_a_client_leaves_or_drops()
    {
        await using var host = await ServerHost.StartAsync();
        await using var alice = await PadPeer.JoinAsync(host, Pad, clientId: 11);
        await using var bob = await PadPeer.JoinAsync(host, Pad, HubProtocol.Json, clientId: 22);
        alice.SetPresence(new JsonObject { ["user"] = new JsonObject { ["name"] = "Alice" } });
        await alice.AcknowledgedAsync();
        Assert.Empty(alice.Errors);
        await Eventually(() => bob.Awareness.GetStates().ContainsKey(11));
        Assert.Equal("Alice", bob.Awareness.GetStates()[11].State!["user"]!["name"]!.GetValue<string>());

        // A newcomer gets the current states with the welcome.
        var carol = await PadPeer.JoinAsync(host, Pad, clientId: 33);
        await Eventually(() => carol.Awareness.GetStates().ContainsKey(11));

        // Leaving removes Alice's entry everywhere.
        await alice.Connection.InvokeAsync("Leave", Pad);
        await Eventually(() => !bob.Awareness.GetStates().ContainsKey(11) && !carol.Awareness.GetStates().ContainsKey(11));

        // Dropping the connection does too.
        carol.SetPresence(new JsonObject { ["user"] = new JsonObject { ["name"] = "Carol" } });
        await carol.AcknowledgedAsync();
        await Eventually(() => bob.Awareness.GetStates().ContainsKey(33));
        await carol.DisposeAsync();
        await Eventually(() => !bob.Awareness.GetStates().ContainsKey(33));
    }

    [Fact]
    public async Task One_connection_may_join_several_pads_and_gets_each_pads_messages()
    {
        await using var host = await ServerHost.StartAsync();
        await using var thisMonth = await PadPeer.JoinAsync(host, TestPads.Current);
        await using var nextMonth = await PadPeer.JoinAsync(host, TestPads.Next);
        var both = PadPeer.Connect(host, HubProtocol.MessagePack);
        var seen = new List<(string Pad, byte[] Message)>();
        both.On<string, byte[]>("Receive", (pad, message) => { lock (seen) seen.Add((pad, message)); });
        await both.StartAsync();
        await both.InvokeAsync("Join", TestPads.Current);
        await both.InvokeAsync("Join", TestPads.Next);
        thisMonth.Edit(d => d.GetText("content").Insert(0, "N"));
        nextMonth.Edit(d => d.GetText("content").Insert(0, "D"));
        await Task.WhenAll(thisMonth.AcknowledgedAsync(), nextMonth.AcknowledgedAsync());
        await Eventually(() =>
        {
            lock (seen) return seen.Count(s => YMessage.Parse(s.Message).Sync?.Type == SyncMessageType.Update) == 2;
        });
        lock (seen)
        {
            Assert.Contains(seen, s => s.Pad == TestPads.Current && YMessage.Parse(s.Message).Sync?.Type == SyncMessageType.Update);
            Assert.Contains(seen, s => s.Pad == TestPads.Next && YMessage.Parse(s.Message).Sync?.Type == SyncMessageType.Update);
        }
        await both.DisposeAsync();
    }

    [Fact]
    public async Task Query_awareness_is_answered_with_all_states()
    {
        await using var host = await ServerHost.StartAsync();
        await using var alice = await PadPeer.JoinAsync(host, Pad, clientId: 5);
        alice.SetPresence(new JsonObject { ["user"] = "A" });
        await alice.AcknowledgedAsync();
        await using var bob = await PadPeer.JoinAsync(host, Pad, clientId: 6);
        var before = bob.Received.Count;
        await bob.SendAsync(YMessage.EncodeQueryAwareness());
        await Eventually(() => bob.Received.Skip(before).Any(m => YMessage.Parse(m).Kind == YMessageKind.Awareness));
    }

    internal static async Task Eventually(Func<bool> condition, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) Assert.Fail("condition not reached in time");
            await Task.Delay(20);
        }
    }
}
