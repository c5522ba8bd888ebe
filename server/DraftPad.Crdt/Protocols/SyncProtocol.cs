namespace DraftPad.Crdt.Protocols;

/// <summary>The three message types of the y-protocols sync sub-protocol (spec 6.1).</summary>
public enum SyncMessageType
{
    /// <summary>Sync step 1: the sender's encoded state vector ("send me what I lack").</summary>
    Step1 = 0,

    /// <summary>Sync step 2: the reply to step 1, a V1 update with everything the peer lacked.</summary>
    Step2 = 1,

    /// <summary>An incremental V1 update (one transaction of the sender).</summary>
    Update = 2,
}

/// <summary>
/// A parsed, not yet applied sync message: its type and its payload (an encoded state vector for
/// <see cref="SyncMessageType.Step1"/>, a V1 update otherwise).
/// </summary>
/// <param name="Type">The sync message type.</param>
/// <param name="Payload">The content of the message's <c>varUint8Array</c>.</param>
public sealed record SyncMessage(SyncMessageType Type, byte[] Payload)
{
    /// <summary>Whether handling the message writes to the document (step 2 and update do; step 1 only reads).</summary>
    public bool ContainsWrites => Type != SyncMessageType.Step1;
}

/// <summary>
/// The y-protocols 1.0.7 sync sub-protocol (<c>y-protocols/sync</c>, spec 6.1), always with V1 updates:
/// <code>
/// step 1  = varUint 0 • varUint8Array(encodeStateVector(doc))
/// step 2  = varUint 1 • varUint8Array(encodeStateAsUpdate(doc, remoteStateVector))
/// update  = varUint 2 • varUint8Array(v1Update)
/// </code>
/// Reading is separated from applying: <see cref="ReadSyncMessage"/> parses and validates a message
/// without touching any document, <see cref="HandleSyncMessage"/> acts on it. Unlike JS (which logs
/// and swallows errors thrown while applying), malformed input raises <see cref="YjsDecodeException"/>
/// and leaves the document unchanged. The bytes returned here are sync messages without the
/// y-websocket envelope; wrap them with <see cref="YMessage.EncodeSync"/> to send them.
/// </summary>
public static class SyncProtocol
{
    /// <summary>Wire value of sync step 1 (<c>messageYjsSyncStep1</c>).</summary>
    public const int Step1 = 0;

    /// <summary>Wire value of sync step 2 (<c>messageYjsSyncStep2</c>).</summary>
    public const int Step2 = 1;

    /// <summary>Wire value of an update message (<c>messageYjsUpdate</c>).</summary>
    public const int Update = 2;

    /// <summary>Sync step 1 for <paramref name="doc"/>: <c>varUint 0 • varUint8Array(doc.EncodeStateVector())</c>.</summary>
    /// <param name="doc">The document whose state vector is announced.</param>
    /// <returns>The encoded sync message (no envelope).</returns>
    public static byte[] EncodeSyncStep1(YDoc doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return Encode(SyncMessageType.Step1, doc.EncodeStateVector());
    }

    /// <summary>
    /// Sync step 2: <c>varUint 1 • varUint8Array(doc.EncodeStateAsUpdate(remoteStateVector))</c>, i.e.
    /// everything a peer with <paramref name="remoteStateVector"/> lacks.
    /// </summary>
    /// <param name="doc">The document to send from.</param>
    /// <param name="remoteStateVector">The peer's encoded state vector (from its step 1); empty means "everything".</param>
    /// <returns>The encoded sync message (no envelope).</returns>
    /// <exception cref="YjsDecodeException"><paramref name="remoteStateVector"/> is malformed.</exception>
    public static byte[] EncodeSyncStep2(YDoc doc, ReadOnlySpan<byte> remoteStateVector)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return Encode(SyncMessageType.Step2, doc.EncodeStateAsUpdate(remoteStateVector));
    }

    /// <summary>An update message: <c>varUint 2 • varUint8Array(v1Update)</c> (what a document's <see cref="YDoc.UpdateV1"/> event is sent as).</summary>
    /// <param name="v1Update">A V1 update.</param>
    /// <returns>The encoded sync message (no envelope).</returns>
    public static byte[] EncodeUpdate(byte[] v1Update)
    {
        ArgumentNullException.ThrowIfNull(v1Update);
        return Encode(SyncMessageType.Update, v1Update);
    }

    /// <summary>Encodes a sync message of any type: <c>varUint type • varUint8Array(payload)</c>.</summary>
    /// <param name="type">The message type.</param>
    /// <param name="payload">A state vector (step 1) or a V1 update (step 2, update).</param>
    /// <returns>The encoded sync message (no envelope).</returns>
    public static byte[] Encode(SyncMessageType type, ReadOnlySpan<byte> payload)
    {
        var writer = new Lib0Writer(payload.Length + 8);
        writer.WriteVarUint((ulong)type);
        writer.WriteVarUint8Array(payload);
        return writer.ToArray();
    }

    /// <summary>
    /// Reads one sync message from <paramref name="reader"/> without applying it: the type, which must be
    /// 0, 1 or 2, and the length-prefixed payload, which must be complete. A step-1 payload must be a
    /// well-formed state vector with nothing after it. Bytes after the message are left in the reader
    /// (use <see cref="ParseSyncMessage"/> to reject them).
    /// </summary>
    /// <param name="reader">Positioned at the sync message type.</param>
    /// <returns>The parsed message.</returns>
    /// <exception cref="YjsDecodeException">Unknown type, truncated payload or malformed state vector.</exception>
    public static SyncMessage ReadSyncMessage(Lib0Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            if (!reader.HasContent) throw new YjsDecodeException("Sync message: missing message type.");
            var type = reader.ReadVarUint();
            if (type > Update) throw new YjsDecodeException($"Sync message: unknown message type {type} (expected 0 = step 1, 1 = step 2, 2 = update).");
            var kind = (SyncMessageType)type;
            if (!reader.HasContent) throw new YjsDecodeException($"Sync message ({kind}): missing payload.");
            var length = reader.ReadVarUint();
            if (length > (ulong)reader.Remaining)
            {
                throw new YjsDecodeException($"Sync message ({kind}): payload claims {length} bytes but only {reader.Remaining} remain.");
            }
            var payload = reader.ReadUint8Array((int)length).ToArray();
            if (kind == SyncMessageType.Step1) ValidateStateVector(payload);
            return new SyncMessage(kind, payload);
        }
        catch (YjsDecodeException e) when (!e.Message.StartsWith("Sync message", StringComparison.Ordinal))
        {
            throw new YjsDecodeException("Sync message: " + e.Message, e);
        }
    }

    /// <summary>Parses a complete sync message (as <see cref="ReadSyncMessage"/>); bytes after it are an error.</summary>
    /// <param name="syncMessage">The encoded sync message (no envelope).</param>
    /// <returns>The parsed message.</returns>
    /// <exception cref="YjsDecodeException">The message is malformed or followed by other bytes.</exception>
    public static SyncMessage ParseSyncMessage(byte[] syncMessage)
    {
        ArgumentNullException.ThrowIfNull(syncMessage);
        var reader = new Lib0Reader(syncMessage);
        var message = ReadSyncMessage(reader);
        if (reader.HasContent)
        {
            throw new YjsDecodeException($"Sync message ({message.Type}): {reader.Remaining} unexpected bytes after the payload.");
        }
        return message;
    }

    /// <summary>
    /// Acts on a parsed sync message like y-protocols' <c>readSyncMessage</c>: step 1 produces the
    /// step-2 reply computed against the received state vector; step 2 and update are applied with
    /// <c>doc.ApplyUpdate(payload, origin)</c> and produce no reply.
    /// </summary>
    /// <param name="doc">The document to answer from or apply to.</param>
    /// <param name="message">A message from <see cref="ReadSyncMessage"/> or <see cref="ParseSyncMessage"/>.</param>
    /// <param name="origin">Transaction origin for the applied update (e.g. the connection).</param>
    /// <returns>The step-2 reply (a sync message without envelope) for step 1; otherwise null.</returns>
    /// <exception cref="YjsDecodeException">The update or state vector is malformed; the document is unchanged.</exception>
    public static byte[]? HandleSyncMessage(YDoc doc, SyncMessage message, object? origin)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(message);
        switch (message.Type)
        {
            case SyncMessageType.Step1:
                ValidateStateVector(message.Payload);
                return EncodeSyncStep2(doc, message.Payload);
            case SyncMessageType.Step2:
            case SyncMessageType.Update:
                doc.ApplyUpdate(message.Payload, origin);
                return null;
            default:
                throw new YjsDecodeException($"Sync message: unknown message type {(int)message.Type}.");
        }
    }

    /// <summary>Reads one sync message from <paramref name="reader"/> and handles it (<see cref="ReadSyncMessage"/> then <see cref="HandleSyncMessage"/>).</summary>
    /// <param name="doc">The document to answer from or apply to.</param>
    /// <param name="reader">Positioned at the sync message type; bytes after the message are left unread.</param>
    /// <param name="origin">Transaction origin for an applied update.</param>
    /// <returns>The step-2 reply for step 1 (sync message without envelope); otherwise null.</returns>
    /// <exception cref="YjsDecodeException">The message is malformed; the document is unchanged.</exception>
    public static byte[]? ReadAndApply(YDoc doc, Lib0Reader reader, object? origin) =>
        HandleSyncMessage(doc, ReadSyncMessage(reader), origin);

    /// <summary>Parses a complete sync message and handles it (<see cref="ParseSyncMessage"/> then <see cref="HandleSyncMessage"/>).</summary>
    /// <param name="doc">The document to answer from or apply to.</param>
    /// <param name="syncMessage">The encoded sync message (no envelope); trailing bytes are an error.</param>
    /// <param name="origin">Transaction origin for an applied update.</param>
    /// <returns>The step-2 reply for step 1 (sync message without envelope); otherwise null.</returns>
    /// <exception cref="YjsDecodeException">The message is malformed; the document is unchanged.</exception>
    public static byte[]? ReadAndApply(YDoc doc, byte[] syncMessage, object? origin) =>
        HandleSyncMessage(doc, ParseSyncMessage(syncMessage), origin);

    /// <summary>
    /// Checks that <paramref name="stateVector"/> is a well-formed encoded state vector
    /// (<c>varUint n • n × (varUint client • varUint clock)</c>) with nothing after it.
    /// </summary>
    /// <param name="stateVector">The bytes to check.</param>
    /// <exception cref="YjsDecodeException">It is not.</exception>
    public static void ValidateStateVector(byte[] stateVector)
    {
        ArgumentNullException.ThrowIfNull(stateVector);
        var reader = new Lib0Reader(stateVector);
        if (!reader.HasContent) throw new YjsDecodeException("State vector: empty (expected at least the entry count).");
        try
        {
            var count = reader.ReadVarUint();
            // Every entry takes at least two bytes.
            if (count > (ulong)reader.Remaining / 2)
            {
                throw new YjsDecodeException($"State vector: claims {count} entries but only {reader.Remaining} bytes remain.");
            }
            for (ulong i = 0; i < count; i++)
            {
                reader.ReadVarUint();
                reader.ReadVarUint();
            }
            if (reader.HasContent) throw new YjsDecodeException($"State vector: {reader.Remaining} unexpected bytes after {count} entries.");
        }
        catch (YjsDecodeException e) when (!e.Message.StartsWith("State vector", StringComparison.Ordinal))
        {
            throw new YjsDecodeException($"State vector: {e.Message} (at byte {reader.Position})", e);
        }
    }
}
