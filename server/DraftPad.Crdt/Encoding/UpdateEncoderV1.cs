namespace DraftPad.Crdt.Encoding;

/// <summary>V1 update writer: every field goes to the single rest stream.</summary>
internal sealed class UpdateEncoderV1 : DSEncoderV1, IUpdateEncoder
{
    /// <summary>Creates an encoder.</summary>
    public UpdateEncoderV1(int initialCapacity = 256) : base(initialCapacity)
    {
    }

    public void WriteLeftId(ID id)
    {
        RestWriter.WriteVarUint(id.Client);
        RestWriter.WriteVarUint((ulong)id.Clock);
    }

    public void WriteRightId(ID id)
    {
        RestWriter.WriteVarUint(id.Client);
        RestWriter.WriteVarUint((ulong)id.Clock);
    }

    public void WriteClient(ulong client) => RestWriter.WriteVarUint(client);

    public void WriteInfo(byte info) => RestWriter.WriteUInt8(info);

    public void WriteString(string s) => RestWriter.WriteVarString(s);

    public void WriteParentInfo(bool isYKey) => RestWriter.WriteUInt8(isYKey ? (byte)1 : (byte)0);

    public void WriteTypeRef(int typeRef) => RestWriter.WriteVarUint((ulong)(uint)typeRef);

    public void WriteLen(long len) => RestWriter.WriteVarUint((ulong)len);

    public void WriteAny(object? value) => AnyEncoding.Write(RestWriter, value);

    public void WriteBuf(ReadOnlySpan<byte> buf) => RestWriter.WriteVarUint8Array(buf);

    public void WriteJson(object? value) => RestWriter.WriteVarString(JsJson.Stringify(value) ?? "undefined");

    public void WriteKey(string key) => RestWriter.WriteVarString(key);
}
