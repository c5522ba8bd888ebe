namespace DraftPad.Crdt.Protocols;

/// <summary>The three y-protocols sync messages.</summary>
public enum SyncMessageType
{
    /// <summary>A state vector: "send me what I lack".</summary>
    Step1 = 0,

    /// <summary>The reply to step 1: a V1 update with everything the peer lacked.</summary>
    Step2 = 1,

    /// <summary>An incremental V1 update.</summary>
    Update = 2,
}

/// <summary>A parsed sync message: its type and its payload (a state vector or a V1 update).</summary>
public sealed record SyncMessage(SyncMessageType Type, byte[] Payload)
{
    /// <summary>Whether applying it changes a document (step 2 and update).</summary>
    public bool ContainsWrites => Type != SyncMessageType.Step1;
}

/// <summary>
/// y-protocols sync (1.0.7): step 1 carries a state vector, step 2 and update carry V1 updates.
/// Messages are validated completely before anything is applied.
/// </summary>
public static class SyncProtocol
{
    /// <summary>Step 1 for <paramref name="doc"/>: varUint 0 • varUint8Array(state vector).</summary>
    public static byte[] EncodeSyncStep1(YDoc doc) => Encode(SyncMessageType.Step1, doc.EncodeStateVector());

    /// <summary>Step 2: everything a peer with <paramref name="remoteStateVector"/> lacks.</summary>
    public static byte[] EncodeSyncStep2(YDoc doc, ReadOnlySpan<byte> remoteStateVector) =>
        Encode(SyncMessageType.Step2, doc.EncodeStateAsUpdate(remoteStateVector));

    /// <summary>An update message carrying a V1 update.</summary>
    public static byte[] EncodeUpdate(byte[] update) => Encode(SyncMessageType.Update, update);

    /// <summary>Encodes a sync message.</summary>
    public static byte[] Encode(SyncMessageType type, ReadOnlySpan<byte> payload)
    {
        var writer = new Lib0Writer(payload.Length + 8);
        Write(writer, type, payload);
        return writer.ToArray();
    }

    internal static void Write(Lib0Writer writer, SyncMessageType type, ReadOnlySpan<byte> payload)
    {
        writer.WriteVarUint((ulong)type);
        writer.WriteVarUint8Array(payload);
    }

    /// <summary>Reads one sync message (type and payload) from <paramref name="reader"/>; throws <see cref="YjsDecodeException"/> if malformed.</summary>
    public static SyncMessage Read(Lib0Reader reader)
    {
        var type = reader.ReadVarUint();
        if (type > 2) throw new YjsDecodeException($"Unknown sync message type {type}.");
        var payload = reader.ReadVarUint8Array();
        return new SyncMessage((SyncMessageType)type, payload);
    }

    /// <summary>Parses a whole sync message; trailing bytes are an error.</summary>
    public static SyncMessage Parse(byte[] message)
    {
        var reader = new Lib0Reader(message);
        var result = Read(reader);
        if (reader.HasContent) throw new YjsDecodeException($"{reader.Remaining} unexpected bytes after the sync message.");
        return result;
    }

    /// <summary>
    /// Handles a message: step 1 returns the step-2 reply (a sync message); step 2 and update are
    /// applied to <paramref name="doc"/> with <paramref name="origin"/> and return null. A malformed
    /// update throws <see cref="YjsDecodeException"/> and leaves the document unchanged.
    /// </summary>
    public static byte[]? Handle(YDoc doc, SyncMessage message, object? origin)
    {
        switch (message.Type)
        {
            case SyncMessageType.Step1:
                ValidateStateVector(message.Payload);
                return EncodeSyncStep2(doc, message.Payload);
            default:
                doc.ApplyUpdate(message.Payload, origin);
                return null;
        }
    }

    /// <summary>Checks that <paramref name="stateVector"/> is a well-formed encoded state vector.</summary>
    public static void ValidateStateVector(byte[] stateVector)
    {
        var reader = new Lib0Reader(stateVector);
        var count = reader.ReadVarUint();
        if (count > (ulong)reader.Remaining) throw new YjsDecodeException($"State vector claims {count} entries.");
        for (ulong i = 0; i < count; i++)
        {
            reader.ReadVarUint();
            reader.ReadVarUint();
        }
        if (reader.HasContent) throw new YjsDecodeException("Unexpected bytes after the state vector.");
    }
}
