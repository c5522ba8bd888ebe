namespace DraftPad.Crdt.Protocols;

/// <summary>The message types of the y-websocket envelope (spec 6.2).</summary>
public enum YMessageKind
{
    /// <summary>0: a sync message (step 1, step 2 or update).</summary>
    Sync = 0,

    /// <summary>1: an awareness update.</summary>
    Awareness = 1,

    /// <summary>2: an auth message (permission denied, with a reason).</summary>
    Auth = 2,

    /// <summary>3: a request for all known awareness states (no payload).</summary>
    QueryAwareness = 3,
}

/// <summary>
/// One y-websocket frame (one WebSocket binary message): <c>varUint messageType • payload</c>.
/// <code>
/// 0 sync            payload = sync message (varUint subType • varUint8Array data), see <see cref="SyncProtocol"/>
/// 1 awareness       payload = varUint8Array(awareness update), see <see cref="Protocols.AwarenessUpdate"/>
/// 2 auth            payload = varUint 0 • varString reason, see <see cref="AuthProtocol"/>
/// 3 queryAwareness  no payload
/// </code>
/// <see cref="Parse"/> validates the whole frame, including the state vector of a step 1, the
/// awareness update (every entry and its JSON) and the absence of trailing bytes, so bad input can be
/// rejected before it reaches a document. Updates inside step 2 / update messages are validated when
/// applied (<see cref="YDoc.ApplyUpdate"/> is atomic).
/// </summary>
public sealed class YMessage
{
    private YMessage(YMessageKind kind, byte[] payload)
    {
        Kind = kind;
        Payload = payload;
    }

    /// <summary>Wire value of <see cref="YMessageKind.Sync"/>.</summary>
    public const int MessageSync = 0;

    /// <summary>Wire value of <see cref="YMessageKind.Awareness"/>.</summary>
    public const int MessageAwareness = 1;

    /// <summary>Wire value of <see cref="YMessageKind.Auth"/>.</summary>
    public const int MessageAuth = 2;

    /// <summary>Wire value of <see cref="YMessageKind.QueryAwareness"/>.</summary>
    public const int MessageQueryAwareness = 3;

    /// <summary>The message type.</summary>
    public YMessageKind Kind { get; }

    /// <summary>
    /// The payload: for sync, the sync message's data (state vector for step 1, V1 update otherwise);
    /// for awareness, the awareness update; for auth, the auth message (<c>varUint 0 • varString reason</c>);
    /// for query-awareness, empty.
    /// </summary>
    public byte[] Payload { get; }

    /// <summary>The sync sub-type, for <see cref="YMessageKind.Sync"/>; otherwise null.</summary>
    public SyncMessageType? SyncType => Sync?.Type;

    /// <summary>The parsed sync message (hand it to <see cref="SyncProtocol.HandleSyncMessage"/>), for <see cref="YMessageKind.Sync"/>.</summary>
    public SyncMessage? Sync { get; private init; }

    /// <summary>The decoded awareness update (hand it to <see cref="Awareness.Apply"/>), for <see cref="YMessageKind.Awareness"/>.</summary>
    public AwarenessUpdate? AwarenessUpdate { get; private init; }

    /// <summary>The permission-denied reason, for <see cref="YMessageKind.Auth"/>.</summary>
    public string? AuthReason { get; private init; }

    /// <summary>
    /// Whether the message writes to the document (sync step 2 or update): what a read-only
    /// connection must not send. Step 1, awareness, auth and query-awareness do not.
    /// </summary>
    public bool ContainsWrites => Sync?.ContainsWrites ?? false;

    /// <summary>Parses and validates a complete frame.</summary>
    /// <param name="frame">One WebSocket binary message.</param>
    /// <returns>The parsed message.</returns>
    /// <exception cref="YjsDecodeException">Empty frame, unknown message type, malformed payload or trailing bytes; the message says which.</exception>
    public static YMessage Parse(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Length == 0) throw new YjsDecodeException("Message: empty frame (expected a message type).");
        var reader = new Lib0Reader(frame);
        ulong type;
        try
        {
            type = reader.ReadVarUint();
        }
        catch (YjsDecodeException e)
        {
            throw new YjsDecodeException("Message: unreadable message type: " + e.Message, e);
        }
        YMessage message;
        switch (type)
        {
            case MessageSync:
                var sync = SyncProtocol.ReadSyncMessage(reader);
                message = new YMessage(YMessageKind.Sync, sync.Payload) { Sync = sync };
                break;
            case MessageAwareness:
                if (!reader.HasContent) throw new YjsDecodeException("Awareness message: missing awareness update.");
                ReadOnlySpan<byte> update;
                try
                {
                    update = reader.ReadVarUint8ArraySpan();
                }
                catch (YjsDecodeException e)
                {
                    throw new YjsDecodeException("Awareness message: truncated awareness update: " + e.Message, e);
                }
                var bytes = update.ToArray();
                message = new YMessage(YMessageKind.Awareness, bytes) { AwarenessUpdate = Protocols.AwarenessUpdate.Parse(bytes) };
                break;
            case MessageAuth:
                var start = reader.Position;
                var reason = AuthProtocol.ReadPermissionDenied(reader);
                message = new YMessage(YMessageKind.Auth, frame.AsSpan(start, reader.Position - start).ToArray()) { AuthReason = reason };
                break;
            case MessageQueryAwareness:
                message = new YMessage(YMessageKind.QueryAwareness, []);
                break;
            default:
                throw new YjsDecodeException($"Message: unknown message type {type} (expected 0 sync, 1 awareness, 2 auth, 3 queryAwareness).");
        }
        if (reader.HasContent)
        {
            throw new YjsDecodeException($"Message ({message.Kind}): {reader.Remaining} unexpected bytes after the payload.");
        }
        return message;
    }

    /// <summary>Wraps a sync message from <see cref="SyncProtocol"/>: <c>varUint 0 • syncMessage</c>.</summary>
    /// <param name="syncMessage">An encoded sync message (e.g. <see cref="SyncProtocol.EncodeSyncStep1"/>).</param>
    /// <returns>The frame.</returns>
    public static byte[] EncodeSync(ReadOnlySpan<byte> syncMessage)
    {
        var writer = new Lib0Writer(syncMessage.Length + 1);
        writer.WriteVarUint(MessageSync);
        writer.WriteUint8Array(syncMessage);
        return writer.ToArray();
    }

    /// <summary>Wraps an encoded awareness update: <c>varUint 1 • varUint8Array(awarenessUpdate)</c>.</summary>
    /// <param name="awarenessUpdate">An encoded awareness update (e.g. <see cref="Awareness.EncodeUpdate"/>).</param>
    /// <returns>The frame.</returns>
    public static byte[] EncodeAwareness(ReadOnlySpan<byte> awarenessUpdate)
    {
        var writer = new Lib0Writer(awarenessUpdate.Length + 8);
        writer.WriteVarUint(MessageAwareness);
        writer.WriteVarUint8Array(awarenessUpdate);
        return writer.ToArray();
    }

    /// <summary>A permission-denied frame: <c>varUint 2 • varUint 0 • varString reason</c>.</summary>
    /// <param name="reason">Human-readable reason.</param>
    /// <returns>The frame.</returns>
    public static byte[] EncodeAuthPermissionDenied(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var writer = new Lib0Writer(reason.Length + 8);
        writer.WriteVarUint(MessageAuth);
        AuthProtocol.WritePermissionDenied(writer, reason);
        return writer.ToArray();
    }

    /// <summary>A query-awareness frame: <c>varUint 3</c>.</summary>
    /// <returns>The frame.</returns>
    public static byte[] EncodeQueryAwareness() => [MessageQueryAwareness];
}
