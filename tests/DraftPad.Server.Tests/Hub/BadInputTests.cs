using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using DraftPad.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DraftPad.Server.Tests.Hub;

/// <summary>
/// Each guard: the sender gets a precise error, the pad is unchanged, the other clients are
/// unaffected and the connection (where it survives) keeps working.
/// </summary>
public sealed class BadInputTests
{
    private static readonly string Pad = TestPads.Current;

    private static async Task<string> Refusal(PadPeer peer, byte[] message)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => peer.SendAsync(message));
        return error.Message;
    }

    private static byte[] UpdateMessage(Action<YDoc> edit, YDoc? basis = null)
    {
        var doc = new YDoc(new YDocOptions { ClientId = 424242 });
        if (basis != null) doc.ApplyUpdate(basis.EncodeStateAsUpdate(default));
        byte[]? update = null;
        doc.UpdateV1 += (_, e) => update = e.Update;
        doc.Transact(_ => edit(doc));
        return YMessage.EncodeSync(SyncProtocol.EncodeUpdate(update!));
    }

    /// <summary>After a refusal: state unchanged, the sender can still edit, the bystander sees that edit.</summary>
    private static async Task AssertUnharmed(ServerHost host, PadPeer sender, PadPeer bystander, byte[] stateBefore)
    {
        Assert.Equal(stateBefore, await host.Http().GetByteArrayAsync($"api/pads/{Pad}/state"));
        sender.Edit(d => d.GetText("content").Insert(0, "still here "));
        await sender.AcknowledgedAsync();
        await HubContractTests.Eventually(() => bystander.Text.StartsWith("still here ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_messages_and_updates_are_refused_precisely()
    {
        await using var host = await ServerHost.StartAsync();
        await using var sender = await PadPeer.JoinAsync(host, Pad, HubProtocol.Json);
        await using var bystander = await PadPeer.JoinAsync(host, Pad);
        var before = await host.Http().GetByteArrayAsync($"api/pads/{Pad}/state");

        Assert.Contains("Empty message", await Refusal(sender, []));
        Assert.Contains("Malformed y-protocols message", await Refusal(sender, [9]));
        Assert.Contains("unknown message type", await Refusal(sender, [0, 7, 0]), StringComparison.OrdinalIgnoreCase);
        var valid = UpdateMessage(d => d.GetText("content").Insert(0, "hello"));
        Assert.Contains("Malformed", await Refusal(sender, valid[..^3]));
        // A well-framed sync update whose update bytes are garbage.
        Assert.Contains("Malformed update", await Refusal(sender, YMessage.EncodeSync(SyncProtocol.EncodeUpdate([1, 1, 200, 1, 0, 9, 9]))));
        // Awareness update with a state that is not JSON.
        Assert.Contains("Malformed", await Refusal(sender, [1, 6, 1, 5, 1, 2, (byte)'{', (byte)'x']));
        Assert.Contains("server only", await Refusal(sender, YMessage.EncodeAuthPermissionDenied("nope")));

        await AssertUnharmed(host, sender, bystander, before);
    }

    [Fact]
    public async Task Bad_pad_ids_and_sending_to_a_pad_not_joined_are_refused()
    {
        await using var host = await ServerHost.StartAsync();
        await using var peer = await PadPeer.JoinAsync(host, Pad);
        var join = await Assert.ThrowsAsync<HubException>(() => peer.Connection.InvokeAsync("Join", "november"));
        Assert.Contains("YYYY-MM", join.Message);
        await Assert.ThrowsAsync<HubException>(() => peer.Connection.InvokeAsync("Join", "2026-13"));
        var notJoined = await Assert.ThrowsAsync<HubException>(() =>
            peer.Connection.InvokeAsync("Send", TestPads.Next, YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(new YDoc()))));
        Assert.Contains($"Join pad {TestPads.Next}", notJoined.Message);
        var oldMonth = await Assert.ThrowsAsync<HubException>(() => peer.Connection.InvokeAsync("Join", "2020-01"));
        Assert.Contains("Only maintainers may create", oldMonth.Message);
    }

    [Fact]
    public async Task A_message_over_the_message_limit_is_refused_and_the_pad_is_unchanged()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string> { ["Limits:MaxMessageBytes"] = "4096" });
        await using var sender = await PadPeer.JoinAsync(host, Pad);
        await using var bystander = await PadPeer.JoinAsync(host, Pad);
        var before = await host.Http().GetByteArrayAsync($"api/pads/{Pad}/state");
        var big = UpdateMessage(d => d.GetText("content").Insert(0, new string('x', 10_000)));
        Assert.Contains("exceeds the limit of 4096 bytes", await Refusal(sender, big));
        await AssertUnharmed(host, sender, bystander, before);
    }

    [Fact]
    public async Task A_hub_message_over_the_SignalR_limit_closes_only_that_connection()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string>
        {
            ["Limits:MaxMessageBytes"] = "4096",
            ["Limits:MaxHubMessageBytes"] = "8192",
        });
        await using var sender = await PadPeer.JoinAsync(host, Pad);
        await using var bystander = await PadPeer.JoinAsync(host, Pad);
        var before = await host.Http().GetByteArrayAsync($"api/pads/{Pad}/state");
        var closed = new TaskCompletionSource();
        sender.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        var huge = UpdateMessage(d => d.GetText("content").Insert(0, new string('y', 50_000)));
        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(huge));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(before, await host.Http().GetByteArrayAsync($"api/pads/{Pad}/state"));
        await using var again = await PadPeer.JoinAsync(host, Pad);
        await AssertUnharmed(host, again, bystander, before);
    }

    [Fact]
    public async Task A_connection_over_its_rate_is_refused_until_it_slows_down()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string>
        {
            ["Limits:MessagesPerSecond"] = "5",
            ["Limits:MessageBurst"] = "5",
        });
        var peer = await PadPeer.JoinAsync(host, Pad); // join used 1 message (its step 1) + the reply to the server's step 1
        var step1 = YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(new YDoc()));
        string? refusal = null;
        for (var i = 0; i < 10 && refusal == null; i++)
        {
            try { await peer.SendAsync(step1); }
            catch (HubException e) { refusal = e.Message; }
        }
        Assert.NotNull(refusal);
        Assert.Contains("Too many messages: at most 5 per second", refusal);
        await Task.Delay(1200);
        await peer.SendAsync(step1); // refilled
        await peer.DisposeAsync();
    }

    [Fact]
    public async Task A_pad_over_its_size_limit_refuses_further_growth()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string> { ["Limits:MaxPadBytes"] = "20000" });
        await using var sender = await PadPeer.JoinAsync(host, Pad);
        await using var bystander = await PadPeer.JoinAsync(host, Pad);
        sender.Edit(d => d.GetText("content").Insert(0, new string('a', 3000)));
        await sender.AcknowledgedAsync();
        Assert.Empty(sender.Errors);
        await bystander.QuietAsync(TimeSpan.FromMilliseconds(200));
        var before = await host.Http().GetByteArrayAsync($"api/pads/{Pad}/state");
        var tooMuch = UpdateMessage(d => d.GetText("content").Insert(0, new string('b', 30_000)), sender.Doc);
        Assert.Contains("would grow beyond its limit of 20000 bytes", await Refusal(sender, tooMuch));
        Assert.Equal(before, await host.Http().GetByteArrayAsync($"api/pads/{Pad}/state"));
    }

    [Fact]
    public async Task Presence_cannot_impersonate_another_connection()
    {
        await using var host = await ServerHost.StartAsync();
        await using var alice = await PadPeer.JoinAsync(host, Pad, clientId: 77);
        await using var mallory = await PadPeer.JoinAsync(host, Pad, clientId: 78);
        alice.SetPresence(new System.Text.Json.Nodes.JsonObject { ["user"] = "alice" });
        await alice.AcknowledgedAsync();
        var forged = new Awareness(77);
        forged.SetLocalState(new System.Text.Json.Nodes.JsonObject { ["user"] = "mallory" });
        // Clock high enough to win if it were accepted.
        var update = Awareness.EncodeUpdate(forged, [77UL]);
        Assert.Contains("belongs to another connection", await Refusal(mallory, YMessage.EncodeAwareness(update)));
    }
}
