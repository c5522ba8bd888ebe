using System.Diagnostics;
using DraftPad.Crdt;
using DraftPad.Crdt.Encoding;
using DraftPad.Crdt.Protocols;

namespace DraftPad.Benchmarks.Load;

/// <summary>
/// One simulated editor: its own <see cref="YDoc"/> and a y-protocols client loop (answers step 1
/// with step 2, applies step 2 and updates, sends its own step 1 after joining), and the edits it
/// makes on schedule. Every received update is matched against the <see cref="SendRegistry"/>: the
/// clocks it made known identify the edits delivered, each one sample of end-to-end latency.
/// The document is not thread-safe: everything touching it runs under <see cref="_gate"/>.
/// </summary>
internal sealed class EditorClient : IAsyncDisposable
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    private readonly object _gate = new();
    private readonly YDoc _doc;
    private readonly YText _text;
    private readonly SendRegistry _registry;
    private readonly IFrameTransport _transport;
    private readonly Random _random;
    private readonly int _minChars, _maxChars;
    private readonly Dictionary<ulong, long> _known = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _localUpdate;
    private long _clock;
    private int _pendingAcks;
    private TaskCompletionSource _acksDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EditorClient(ulong clientId, IFrameTransport transport, SendRegistry registry, ClientSamples samples, LoadOptions options, int seed, int node = 0)
    {
        ClientId = clientId;
        Node = node;
        _transport = transport;
        _registry = registry;
        Samples = samples;
        _random = new Random(seed);
        _minChars = options.MinChars;
        _maxChars = options.MaxChars;
        _doc = new YDoc(new YDocOptions { ClientId = clientId });
        _text = _doc.GetText("content");
        _doc.UpdateV1 += (_, e) =>
        {
            if (e.Transaction.Local) _localUpdate = e.Update;
        };
        _acksDone.SetResult();
        registry.AddSender(clientId);
    }

    public ulong ClientId { get; }

    /// <summary>The server node this client is connected to (0 with one server).</summary>
    public int Node { get; }

    public ClientSamples Samples { get; }

    public long Sent { get; private set; }

    public long FramesReceived { get; private set; }

    public long UpdatesReceived { get; private set; }

    /// <summary>Updates whose delivery had to be found by comparing whole state vectors (not the single-client fast path).</summary>
    public long SlowPathUpdates { get; private set; }

    public long AckErrors => Volatile.Read(ref _ackErrors);

    private long _ackErrors;

    public string? FirstError { get; private set; }

    /// <summary>Completes once the server's step 2 (the pad's state) has been applied.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Connects, joins and sends the client's sync step 1.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _transport.ConnectAsync(OnFrame, cancellationToken);
        byte[] step1;
        lock (_gate) step1 = YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(_doc));
        await _transport.SendAsync(step1);
    }

    /// <summary>Inserts a few random letters at a random position and sends the update (not waiting for its acknowledgement).</summary>
    public void Edit()
    {
        byte[] frame;
        long sentAt;
        lock (_gate)
        {
            var count = _random.Next(_minChars, _maxChars + 1);
            var chars = new char[count];
            for (var i = 0; i < count; i++) chars[i] = Letters[_random.Next(Letters.Length)];
            _localUpdate = null;
            _text.Insert(_random.Next(_text.Length + 1), new string(chars));
            var update = _localUpdate ?? throw new InvalidOperationException("the edit produced no update");
            frame = YMessage.EncodeSync(SyncProtocol.EncodeUpdate(update));
            var start = _clock;
            _clock += count; // ASCII: one clock per character
            sentAt = Stopwatch.GetTimestamp();
            _registry.Add(ClientId, new SendRecord(start, _clock, sentAt, Node));
            Sent++;
            if (Interlocked.Increment(ref _pendingAcks) == 1) _acksDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        _ = TrackAck(_transport.SendAsync(frame), sentAt);
    }

    /// <summary>Completes when every edit sent so far has been acknowledged (or failed).</summary>
    public Task AcksDone
    {
        get
        {
            lock (_gate) return _acksDone.Task;
        }
    }

    /// <summary>The client's text and whether its own clock agrees with its document's state vector.</summary>
    public (string Text, bool ClockConsistent) Snapshot()
    {
        lock (_gate)
        {
            var sv = _doc.StateVector;
            var own = sv.TryGetValue(ClientId, out var c) ? c : 0;
            return (_text.ToString(), own == _clock);
        }
    }

    /// <summary>The clock this client has of <paramref name="client"/> (its state vector entry; 0 when none).</summary>
    public long KnownClock(ulong client)
    {
        lock (_gate) return _doc.StateVector.TryGetValue(client, out var c) ? c : 0;
    }

    /// <summary>What the document's pending structs wait for (client → clock), empty when nothing is pending.</summary>
    public Dictionary<ulong, long> PendingMissing()
    {
        lock (_gate) return _doc.HasPending ? new Dictionary<ulong, long>(_doc.PendingMissing) : [];
    }

    private async Task TrackAck(Task send, long sentAt)
    {
        try
        {
            await send;
            if (_transport.HasAcks) Samples.Acked(sentAt, Stopwatch.GetTimestamp());
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _ackErrors);
            lock (_gate) FirstError ??= e.GetBaseException().Message;
        }
        finally
        {
            lock (_gate)
            {
                if (Interlocked.Decrement(ref _pendingAcks) == 0) _acksDone.TrySetResult();
            }
        }
    }

    private void OnFrame(byte[] frame)
    {
        try
        {
            Handle(frame);
        }
        catch (Exception e)
        {
            lock (_gate) FirstError ??= "receive: " + e.Message;
        }
    }

    private void Handle(byte[] frame)
    {
        var message = YMessage.Parse(frame);
        byte[]? reply = null;
        lock (_gate)
        {
            FramesReceived++;
            switch (message.Kind)
            {
                case YMessageKind.Sync when message.Sync!.Type == SyncMessageType.Step1:
                    reply = YMessage.EncodeSync(SyncProtocol.EncodeSyncStep2(_doc, message.Sync.Payload));
                    break;
                case YMessageKind.Sync when message.Sync!.Type == SyncMessageType.Step2:
                    _doc.ApplyUpdate(message.Sync.Payload, this);
                    Reconcile(Stopwatch.GetTimestamp());
                    _synced.TrySetResult();
                    break;
                case YMessageKind.Sync:
                    ApplyUpdate(message.Sync!.Payload);
                    break;
                case YMessageKind.Auth:
                    FirstError ??= "permission denied: " + message.AuthReason;
                    break;
                default:
                    break; // awareness and queries: no presence in this benchmark
            }
        }
        // The SignalR client must not wait for an invocation inside a handler: fire and forget.
        if (reply != null) _ = TrackAck(SendReply(reply), 0);
    }

    private async Task SendReply(byte[] reply)
    {
        lock (_gate)
        {
            if (Interlocked.Increment(ref _pendingAcks) == 1) _acksDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        await _transport.SendAsync(reply);
    }

    /// <summary>
    /// Applies an update and records the edits it delivered. Fast path: the server relays each edit as
    /// an update holding one client's structs, starting at the clock the sender's edit started at
    /// (V1 header: varUint clients • varUint structs • varUint client • varUint clock), so a registry
    /// lookup finds the edit. Anything else (several clients, pending structs, an unknown start) falls
    /// back to comparing the whole state vector with the clocks known so far.
    /// </summary>
    private void ApplyUpdate(byte[] update)
    {
        UpdatesReceived++;
        var header = PeekSingleClient(update);
        _doc.ApplyUpdate(update, this);
        var now = Stopwatch.GetTimestamp();
        if (header is { } h && h.Client != ClientId && !_doc.HasPending
            && _known.GetValueOrDefault(h.Client) == h.Clock
            && _registry.TryGet(h.Client, h.Clock, out var sent))
        {
            _known[h.Client] = sent.End;
            Samples.Delivered(sent, now);
            return;
        }
        SlowPathUpdates++;
        Reconcile(now);
    }

    private void Reconcile(long now)
    {
        foreach (var (client, clock) in _doc.StateVector)
        {
            if (client == ClientId) continue;
            var known = _known.TryGetValue(client, out var k) ? k : 0;
            if (clock <= known) continue;
            _registry.ForRange(client, known, clock, sent => Samples.Delivered(sent, now));
            _known[client] = clock;
        }
    }

    private static (ulong Client, long Clock)? PeekSingleClient(byte[] update)
    {
        try
        {
            var reader = new Lib0Reader(update);
            if (reader.ReadVarUint() != 1) return null;
            reader.ReadVarUint(); // struct count
            var client = reader.ReadVarUint();
            var clock = reader.ReadVarUint();
            return (client, (long)clock);
        }
        catch (YjsDecodeException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();
}
