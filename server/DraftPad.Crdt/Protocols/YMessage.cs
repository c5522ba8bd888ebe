namespace DraftPad.Crdt.Protocols;

/// <summary>The message types of the y-websocket envelope.</summary>
public enum YMessageKind
{
    /// <summary>A sync message (step 1, step 2 or update).</summary>
    Sync = 0,

    /// <summary>An awareness update.</summary>
    Awareness = 1,

    /// <summary>An auth message (permission denied with a reason).</summary>
    Auth = 2,

    /// <summary>A request for all known awareness states.</summary>
    QueryAwareness = 3,
}

/// <summary>
/// One y-websocket frame: varUint messageType • payload. <see cref="Parse"/> validates the whole
/// frame (including the awareness update or the state vector inside), so a caller can reject bad
/// input before it touches any document.
/// </summary>
public sealed class YMessage
{
    private YMessage(YMessageKind kind) => Kind = kind;

    /// <summary>The message type.</summary>
    public YMessageKind Kind { get; }

    /// <summary>The sync message, for <see cref="YMessageKind.Sync"/>.</summary>
    public SyncMessage? Sync { get; private init; }

    /// <summary>The parsed awareness update, for <see cref="YMessageKind.Awareness"/>.</summary>
    public AwarenessUpdate? Awareness { get; private init; }

    /// <summary>The reason of a permission-denied auth message.</summary>
    public string? AuthDeniedReason { get; private init; }

    /// <summary>Whether the message would change a document (sync step 2 or update).</summary>
    public bool ContainsWrites => Sync?.ContainsWrites ?? false;

    /// <summary>Parses and validates a frame; throws <see cref="YjsDecodeException"/> saying what is wrong.</summary>
    public static YMessage Parse(byte[] frame)
    {
        if (frame.Length == 0) throw new YjsDecodeException("Empty message.");
        var reader = new Lib0Reader(frame);
        var type = reader.ReadVarUint();
        YMessage message;
        switch (type)
        {
            case 0:
                var sync = SyncProtocol.Read(reader);
                if (sync.Type == SyncMessageType.Step1) SyncProtocol.ValidateStateVector(sync.Payload);
                message = new YMessage(YMessageKind.Sync) { Sync = sync };
                break;
            case 1:
                message = new YMessage(YMessageKind.Awareness) { Awareness = AwarenessUpdate.Parse(reader.ReadVarUint8Array()) };
                break;
            case 2:
                var permission = reader.ReadVarUint();
                if (permission != 0) throw new YjsDecodeException($"Unknown auth message type {permission}.");
                message = new YMessage(YMessageKind.Auth) { AuthDeniedReason = reader.ReadVarString() };
                break;
            case 3:
                message = new YMessage(YMessageKind.QueryAwareness);
                break;
            default:
                throw new YjsDecodeException($"Unknown message type {type}.");
        }
        if (reader.HasContent) throw new YjsDecodeException($"{reader.Remaining} unexpected bytes after the {message.Kind} message.");
        return message;
    }

    /// <summary>Wraps a sync message (from <see cref="SyncProtocol"/>) in the envelope.</summary>
    public static byte[] EncodeSync(ReadOnlySpan<byte> syncMessage) => Prefix(0, syncMessage, lengthPrefixed: false);

    /// <summary>Wraps an encoded awareness update in the envelope.</summary>
    public static byte[] EncodeAwareness(ReadOnlySpan<byte> awarenessUpdate) => Prefix(1, awarenessUpdate, lengthPrefixed: true);

    /// <summary>A permission-denied auth message.</summary>
    public static byte[] EncodeAuthPermissionDenied(string reason)
    {
        var writer = new Lib0Writer();
        writer.WriteVarUint(2);
        writer.WriteVarUint(0);
        writer.WriteVarString(reason);
        return writer.ToArray();
    }

    /// <summary>A query-awareness message.</summary>
    public static byte[] EncodeQueryAwareness() => [3];

    private static byte[] Prefix(ulong type, ReadOnlySpan<byte> payload, bool lengthPrefixed)
    {
        var writer = new Lib0Writer(payload.Length + 8);
        writer.WriteVarUint(type);
        if (lengthPrefixed) writer.WriteVarUint8Array(payload);
        else writer.WriteUint8Array(payload);
        return writer.ToArray();
    }
}
