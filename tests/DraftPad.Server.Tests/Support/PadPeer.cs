using System.Text.Json.Nodes;
using DraftPad.Crdt;
using DraftPad.Crdt.Protocols;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DraftPad.Server.Tests.Support;

/// <summary>Which SignalR hub protocol a peer speaks.</summary>
public enum HubProtocol { Json, MessagePack }

/// <summary>
/// A y-protocols client over the pad hub, built on DraftPad.Crdt: what any client of the hub
/// contract does. It answers the server's step 1, sends its own, applies what it receives, and
/// sends every local edit as an update, awaiting the server's acknowledgement.
/// </summary>
internal sealed class PadPeer : IAsyncDisposable
{
    private readonly object _lock = new();
    private TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _pendingSends = [];
    private readonly List<string> _errors = [];
    private long _lastReceiveTicks = Environment.TickCount64;

    private PadPeer(HubConnection connection, string padId, ulong clientId)
    {
        _connection = connection;
        PadId = padId;
        Doc = new YDoc(new YDocOptions { ClientId = clientId });
        Awareness = new Awareness(Doc);
        // As y-protocols' constructor does: an empty state at clock 0, so the first real state has clock 1
        // (peers ignore a clock they already know, and 0 is what they assume for a stranger).
        Awareness.SetLocalState(new JsonObject());
        Doc.UpdateV1 += (_, e) =>
        {
            if (e.Origin == this) return;
            _lastSend = SendAsync(YMessage.EncodeSync(SyncProtocol.EncodeUpdate(e.Update)));
            Track(_lastSend);
        };
        connection.On<string, byte[]>("Receive", OnReceive);
    }

    private volatile HubConnection _connection;

    /// <summary>The current connection (<see cref="MoveToAsync"/> replaces it).</summary>
    public HubConnection Connection => _connection;
    public string PadId { get; }
    public YDoc Doc { get; }
    public Awareness Awareness { get; }

    /// <summary>Messages of failed Send invocations.</summary>
    public IReadOnlyList<string> Errors { get { lock (_lock) return [.. _errors]; } }

    private readonly List<byte[]> _received = [];

    /// <summary>Every message received so far, in order (for protocol assertions).</summary>
    public IReadOnlyList<byte[]> Received { get { lock (_lock) return [.. _received]; } }

    public Task Synced => _synced.Task;

    public static HubConnection Connect(ServerHost host, HubProtocol protocol, string? token = null) => Connect(host.BaseUri, protocol, token);

    public static HubConnection Connect(Uri baseUri, HubProtocol protocol, string? token = null)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "hubs/pad"), options =>
        {
            if (token != null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        });
        if (protocol == HubProtocol.MessagePack) builder.AddMessagePackProtocol();
        return builder.Build();
    }

    /// <summary>Connects, joins <paramref name="padId"/> and waits until the first sync round is done.</summary>
    public static Task<PadPeer> JoinAsync(ServerHost host, string padId, HubProtocol protocol = HubProtocol.MessagePack, string? token = null, ulong? clientId = null) =>
        JoinAsync(host.BaseUri, padId, protocol, token, clientId);

    /// <summary>As above, for a server at <paramref name="baseUri"/>.</summary>
    public static async Task<PadPeer> JoinAsync(Uri baseUri, string padId, HubProtocol protocol = HubProtocol.MessagePack, string? token = null, ulong? clientId = null)
    {
        var peer = new PadPeer(Connect(baseUri, protocol, token), padId, clientId ?? (ulong)Random.Shared.NextInt64(1, uint.MaxValue));
        await peer.Connection.StartAsync();
        await peer.Connection.InvokeAsync("Join", padId);
        await peer.SendAsync(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(peer.Doc)));
        await peer.Synced.WaitAsync(TimeSpan.FromSeconds(10));
        return peer;
    }

    /// <summary>
    /// What a client does when its server goes away: connects to <paramref name="baseUri"/> (another
    /// node), joins again and re-syncs by state vector both ways, keeping its document (and so its
    /// unacknowledged changes, which go out in its answer to the server's step 1).
    /// </summary>
    public async Task MoveToAsync(Uri baseUri, HubProtocol protocol = HubProtocol.MessagePack, string? token = null)
    {
        var previous = _connection;
        var next = Connect(baseUri, protocol, token);
        next.On<string, byte[]>("Receive", OnReceive);
        lock (_lock) _synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connection = next;
        try
        {
            await previous.DisposeAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The old server is gone; nothing to close cleanly.
        }
        await next.StartAsync();
        await next.InvokeAsync("Join", PadId);
        await SendAsync(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(Doc)));
        Task synced;
        lock (_lock) synced = _synced.Task;
        await synced.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private Task? _lastSend;

    /// <summary>Edits the document and returns the Send of that edit's update (completes when the server acknowledged it).</summary>
    public Task EditAndSend(Action<YDoc> edit)
    {
        lock (_lock)
        {
            _lastSend = null;
            Doc.Transact(_ => edit(Doc));
            return _lastSend ?? Task.CompletedTask;
        }
    }

    /// <summary>Edits the document (under the peer's lock); the update goes to the server.</summary>
    public void Edit(Action<YDoc> edit)
    {
        lock (_lock) Doc.Transact(_ => edit(Doc));
    }

    public string Text { get { lock (_lock) return Doc.GetText("content").ToString(); } }

    public byte[] StateVector { get { lock (_lock) return Doc.EncodeStateVector(); } }

    public void SetPresence(JsonNode state)
    {
        byte[] message;
        lock (_lock)
        {
            Awareness.SetLocalState(state);
            message = YMessage.EncodeAwareness(Awareness.EncodeUpdate(Awareness, [Doc.ClientId]));
        }
        Track(SendAsync(message));
    }

    /// <summary>
    /// Sends a raw message and waits for the server's acknowledgement (throws the HubException of a
    /// refusal). Messages go out one at a time, in call order: concurrent InvokeAsync calls of the
    /// .NET client may overtake each other, and an update that arrives before the one it follows
    /// is refused by the server.
    /// </summary>
    public Task SendAsync(byte[] message)
    {
        lock (_sendLock)
        {
            var previous = _sendTail;
            var next = SendAfter(previous, message);
            _sendTail = next.ContinueWith(_ => { }, TaskScheduler.Default);
            return next;
        }
    }

    private async Task SendAfter(Task previous, byte[] message)
    {
        await previous;
        await Connection.InvokeAsync("Send", PadId, message);
    }

    private readonly object _sendLock = new();
    private Task _sendTail = Task.CompletedTask;

    /// <summary>Waits until every update sent so far is acknowledged (or refused).</summary>
    public async Task AcknowledgedAsync()
    {
        Task[] pending;
        lock (_lock) pending = [.. _pendingSends];
        await Task.WhenAll(pending);
    }

    /// <summary>Waits until nothing arrived for <paramref name="quiet"/>.</summary>
    public async Task QuietAsync(TimeSpan quiet)
    {
        while (Environment.TickCount64 - Interlocked.Read(ref _lastReceiveTicks) < quiet.TotalMilliseconds)
        {
            await Task.Delay(quiet / 4);
        }
    }

    private void Track(Task send)
    {
        // The continuation (which records a refusal) is what AcknowledgedAsync waits for.
        var recorded = send.ContinueWith(t =>
        {
            if (t.Exception?.GetBaseException() is { } e) lock (_lock) _errors.Add(e.Message);
        }, TaskScheduler.Default);
        lock (_lock) _pendingSends.Add(recorded);
    }

    private void OnReceive(string padId, byte[] message)
    {
        Interlocked.Exchange(ref _lastReceiveTicks, Environment.TickCount64);
        if (padId != PadId) return;
        byte[]? reply = null;
        lock (_lock)
        {
            _received.Add(message);
            var parsed = YMessage.Parse(message);
            switch (parsed.Kind)
            {
                case YMessageKind.Sync when parsed.Sync!.Type == SyncMessageType.Step1:
                    reply = YMessage.EncodeSync(SyncProtocol.EncodeSyncStep2(Doc, parsed.Sync.Payload));
                    break;
                case YMessageKind.Sync:
                    Doc.ApplyUpdate(parsed.Sync!.Payload, this);
                    if (parsed.Sync.Type == SyncMessageType.Step2) _synced.TrySetResult();
                    break;
                case YMessageKind.Awareness:
                    Awareness.Apply(parsed.AwarenessUpdate!, this);
                    break;
            }
        }
        if (reply != null) Track(SendAsync(reply));
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
