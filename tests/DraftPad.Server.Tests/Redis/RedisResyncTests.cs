using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using DraftPad.Server.Tests.Hub;
using DraftPad.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace DraftPad.Server.Tests.Redis;

/// <summary>
/// The periodic resync repairs a fan-out message that a client never got, whatever lost it
/// (the SignalR backplane does not replay): the next resyncs send the changes of the last two
/// periods, and the client ends up with everything.
/// </summary>
public sealed class RedisResyncTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Redis_a_client_that_lost_an_update_gets_it_from_the_periodic_resync()
    {
        var prefix = RedisFixture.NewPrefix();
        var settings = redis.NodeSettings(prefix, new Dictionary<string, string> { ["Storage:Redis:ResyncSeconds"] = "1" });
        await using var nodeA = await ServerHost.StartAsync(settings);
        await using var nodeB = await ServerHost.StartAsync(settings);
        var pad = TestPads.Current;
        await using var writer = await PadPeer.JoinAsync(nodeA, pad);
        await using var lossy = await LossyClient.JoinAsync(nodeB, pad);

        lossy.DropNextUpdate();
        await writer.EditAndSend(d => d.GetText("content").Insert(0, "lost on the way "));
        await HubContractTests.Eventually(() => lossy.Dropped);
        Assert.DoesNotContain("lost on the way", lossy.Text);

        // Typed right after, next to the lost text: without the repair it would stay pending forever.
        await writer.EditAndSend(d => d.GetText("content").Insert("lost on the way ".Length, "and found "));
        var deadline = Environment.TickCount64 + 15_000;
        while (lossy.Text != writer.Text && Environment.TickCount64 < deadline) await Task.Delay(50);
        if (lossy.Text != writer.Text)
        {
            var atB = await nodeB.Http().GetStringAsync($"api/pads/{pad}/markdown");
            Assert.Fail($"B: {atB[..40]} | lossy: {lossy.Text[..Math.Min(80, lossy.Text.Length)]} | writer: {writer.Text[..Math.Min(80, writer.Text.Length)]} | received {lossy.Received}: {string.Join(", ", lossy.Log)}");
        }
        Assert.StartsWith("lost on the way and found ", lossy.Text);
    }

    /// <summary>A y-protocols client that can drop one incoming update, as a lost fan-out message would.</summary>
    private sealed class LossyClient : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly YDoc _doc = new();
        private readonly string _pad;
        private readonly Lock _lock = new();
        private bool _dropNext;

        private LossyClient(HubConnection connection, string pad)
        {
            _connection = connection;
            _pad = pad;
        }

        public bool Dropped { get; private set; }

        public int Received { get; private set; }

        public List<string> Log { get; } = [];

        public string Text { get { lock (_lock) return _doc.GetText("content").ToString(); } }

        public static async Task<LossyClient> JoinAsync(ServerHost host, string pad)
        {
            var client = new LossyClient(PadPeer.Connect(host, HubProtocol.MessagePack), pad);
            client._connection.On<string, byte[]>("Receive", (_, message) => client.OnReceive(message));
            await client._connection.StartAsync();
            await client._connection.InvokeAsync("Join", pad);
            byte[] step1;
            lock (client._lock) step1 = YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(client._doc));
            await client._connection.InvokeAsync("Send", pad, step1);
            await HubContractTests.Eventually(() => client.Text.Length > 0);
            return client;
        }

        public void DropNextUpdate()
        {
            lock (_lock) _dropNext = true;
        }

        private void OnReceive(byte[] message)
        {
            var parsed = YMessage.Parse(message);
            Received++;
            lock (_lock) Log.Add($"{parsed.Kind}/{parsed.Sync?.Type}/{message.Length}");
            if (parsed.Kind != YMessageKind.Sync) return;
            byte[]? reply;
            lock (_lock)
            {
                if (parsed.Sync!.Type == SyncMessageType.Update && _dropNext)
                {
                    _dropNext = false;
                    Dropped = true;
                    return;
                }
                reply = SyncProtocol.HandleSyncMessage(_doc, parsed.Sync, this);
            }
            if (reply != null) _ = _connection.InvokeAsync("Send", _pad, YMessage.EncodeSync(reply));
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }
}
