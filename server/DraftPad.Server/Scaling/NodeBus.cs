using System.Text;
using DraftPad.Server.Pads;
using DraftPad.Server.Storage.Redis;
using StackExchange.Redis;

namespace DraftPad.Server.Scaling;

/// <summary>One message between nodes.</summary>
/// <param name="Kind"><c>u</c> updates were stored and fanned out (payload: their log positions, comma-separated), <c>a</c> presence (payload: a y-protocols awareness message), <c>r</c> re-send a pad to your clients.</param>
/// <param name="Pad">The pad.</param>
/// <param name="Node">The node that sent it.</param>
/// <param name="Payload">Kind-specific bytes.</param>
public readonly record struct BusMessage(char Kind, PadId Pad, string Node, byte[] Payload);

/// <summary>
/// The nodes' pub/sub channel (<c>{KeyPrefix}bus</c>): "these updates of pad X are stored and fanned
/// out" (sent after the fan-out), presence, and resync requests. Each message is
/// <c>kind \n pad \n node \n payload</c>. Losing one is healed by the periodic resync.
/// </summary>
public sealed class NodeBus(RedisConnection connection) : IPadReplication
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(RedisKeys.BusChannel);

    /// <summary>This node's id.</summary>
    public string NodeId => connection.NodeId;

    /// <inheritdoc />
    public Task PublishAwarenessAsync(PadId id, byte[] message) => PublishAsync('a', id, message);

    /// <inheritdoc />
    public Task RequestResyncAsync(PadId id) => PublishAsync('r', id, []);

    /// <inheritdoc />
    public void AnnounceAppended(PadId id, IReadOnlyList<string> positions)
    {
        var multiplexer = connection.GetAsync();
        if (!multiplexer.IsCompletedSuccessfully || positions.Count == 0) return;
        byte[] message = [.. Encoding.UTF8.GetBytes($"u\n{id}\n{connection.NodeId}\n{string.Join(',', positions)}")];
        // Sent after the fan-out completed; a lost one only means other nodes forward those updates again.
        multiplexer.Result.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
    }

    private async Task PublishAsync(char kind, PadId id, byte[] payload)
    {
        var multiplexer = await connection.GetAsync();
        byte[] message = [.. Encoding.UTF8.GetBytes($"{kind}\n{id}\n{connection.NodeId}\n"), .. payload];
        await multiplexer.GetSubscriber().PublishAsync(Channel, message);
    }

    /// <summary>Delivers every bus message, in order, to <paramref name="handler"/> (the subscription survives reconnects).</summary>
    public async Task SubscribeAsync(Func<BusMessage, Task> handler)
    {
        var multiplexer = await connection.GetAsync();
        var queue = await multiplexer.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(async message =>
        {
            if (TryParse((byte[])message.Message!, out var parsed)) await handler(parsed);
        });
    }

    /// <summary>Parses a bus message; false for anything malformed.</summary>
    public static bool TryParse(byte[] data, out BusMessage message)
    {
        message = default;
        var first = Array.IndexOf(data, (byte)'\n');
        var second = first < 0 ? -1 : Array.IndexOf(data, (byte)'\n', first + 1);
        var third = second < 0 ? -1 : Array.IndexOf(data, (byte)'\n', second + 1);
        if (first != 1 || third < 0) return false;
        if (!PadId.TryParse(Encoding.UTF8.GetString(data, first + 1, second - first - 1), out var pad)) return false;
        var node = Encoding.UTF8.GetString(data, second + 1, third - second - 1);
        message = new BusMessage((char)data[0], pad, node, data[(third + 1)..]);
        return true;
    }
}
