using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using DraftPad.Server.Pads;
using DraftPad.Server.Storage;
using DraftPad.Server.Storage.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DraftPad.Server.Scaling;

/// <summary>
/// Keeps this node's pads in step with the other nodes: reads a pad's log when another node says
/// it appended, applies their presence, and heals gaps: every <c>Storage:Redis:ResyncSeconds</c> it
/// re-reads the logs and sends its clients sync step 1; when a Redis connection comes back it also
/// sends them the whole state (SignalR does not replay what the backplane lost).
/// </summary>
internal sealed partial class PadReplicationService(
    PadManager pads, NodeBus bus, RedisConnection connection, IOptions<StorageOptions> options, ILogger<PadReplicationService> logger)
    : BackgroundService
{
    private int _healScheduled;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        connection.Reconnected += OnReconnected;
        try
        {
            await SubscribeAsync(stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Redis.ResyncSeconds));
            while (await timer.WaitForNextTickAsync(stoppingToken)) await ResyncAllAsync(sendState: false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            connection.Reconnected -= OnReconnected;
        }
    }

    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await bus.SubscribeAsync(OnMessageAsync);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                Log.SubscribeFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task OnMessageAsync(BusMessage message)
    {
        if (message.Node == bus.NodeId || pads.TryGetLoaded(message.Pad) is not { } pad) return;
        try
        {
            switch (message.Kind)
            {
                case 'u':
                    pad.Announce(System.Text.Encoding.UTF8.GetString(message.Payload).Split(',', StringSplitOptions.RemoveEmptyEntries), pads.Shared!.ComparePositions);
                    RequestCatchUp(pad);
                    break;
                case 'a':
                    if (YMessage.Parse(message.Payload) is { Kind: YMessageKind.Awareness, AwarenessUpdate: { } update })
                    {
                        await pads.ApplyRemoteAwarenessAsync(message.Pad, update, message.Node);
                    }
                    break;
                case 'r':
                    _ = Task.Run(() => ResyncAsync(pad, sendState: true));
                    break;
            }
        }
        catch (YjsDecodeException e)
        {
            Log.BadMessage(logger, message.Node, e);
        }
    }

    /// <summary>Reads the pad's log soon; requests arriving before that read starts share it.</summary>
    private void RequestCatchUp(Pad pad)
    {
        if (Interlocked.Exchange(ref pad.CatchUpRequested, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            Volatile.Write(ref pad.CatchUpRequested, 0);
            try
            {
                await pads.CatchUpAsync(pad, CatchUpReason.Notification);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.CatchUpFailed(logger, pad.Id.ToString(), e); // the periodic resync reads it later
            }
        });
    }

    private void OnReconnected(string role)
    {
        // Several connections report back at once: heal once, shortly after.
        if (Interlocked.Exchange(ref _healScheduled, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            Volatile.Write(ref _healScheduled, 0);
            Log.Healing(logger, role);
            await ResyncAllAsync(sendState: true);
        });
    }

    private async Task ResyncAllAsync(bool sendState)
    {
        foreach (var pad in pads.LoadedPads.ToList()) await ResyncAsync(pad, sendState);
    }

    private async Task ResyncAsync(Pad pad, bool sendState)
    {
        try
        {
            await pads.ResyncAsync(pad, sendState);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Redis away (connection errors, timeouts): the next resync tries again.
            Log.CatchUpFailed(logger, pad.Id.ToString(), e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Warning, "Cannot subscribe to the node bus yet; retrying.")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);

        [LoggerMessage(61, LogLevel.Warning, "Ignored a malformed bus message from node {Node}.")]
        public static partial void BadMessage(ILogger logger, string node, Exception exception);

        [LoggerMessage(62, LogLevel.Warning, "Pad {PadId}: reading the shared log failed; the next resync retries.")]
        public static partial void CatchUpFailed(ILogger logger, string padId, Exception exception);

        [LoggerMessage(63, LogLevel.Information, "Redis {Role} connection is back: re-reading the logs and re-sending the loaded pads to this node's clients.")]
        public static partial void Healing(ILogger logger, string role);
    }
}
