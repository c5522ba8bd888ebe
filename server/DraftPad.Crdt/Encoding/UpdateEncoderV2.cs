namespace DraftPad.Crdt.Encoding;

/// <summary>V2 update writer: fields split into nine compressed columns plus the rest stream.</summary>
internal sealed class UpdateEncoderV2 : DSEncoderV2, IUpdateEncoder
{
    private long _keyClock;
    private readonly IntDiffOptRleEncoder _keyClockEncoder = new();
    private readonly UintOptRleEncoder _clientEncoder = new();
    private readonly IntDiffOptRleEncoder _leftClockEncoder = new();
    private readonly IntDiffOptRleEncoder _rightClockEncoder = new();
    private readonly RleEncoder _infoEncoder = new();
    private readonly StringEncoder _stringEncoder = new();
    private readonly RleEncoder _parentInfoEncoder = new();
    private readonly UintOptRleEncoder _typeRefEncoder = new();
    private readonly UintOptRleEncoder _lenEncoder = new();

    /// <summary>Creates an encoder.</summary>
    public UpdateEncoderV2(int initialCapacity = 256) : base(initialCapacity)
    {
    }

    public void WriteLeftId(ID id)
    {
        _clientEncoder.Write(id.Client);
        _leftClockEncoder.Write(id.Clock);
    }

    public void WriteRightId(ID id)
    {
        _clientEncoder.Write(id.Client);
        _rightClockEncoder.Write(id.Clock);
    }

    public void WriteClient(ulong client) => _clientEncoder.Write(client);

    public void WriteInfo(byte info) => _infoEncoder.Write(info);

    public void WriteString(string s) => _stringEncoder.Write(s);

    public void WriteParentInfo(bool isYKey) => _parentInfoEncoder.Write(isYKey ? (byte)1 : (byte)0);

    public void WriteTypeRef(int typeRef) => _typeRefEncoder.Write((uint)typeRef);

    public void WriteLen(long len) => _lenEncoder.Write((ulong)len);

    public void WriteAny(object? value) => AnyEncoding.Write(RestWriter, value);

    public void WriteBuf(ReadOnlySpan<byte> buf) => RestWriter.WriteVarUint8Array(buf);

    public void WriteJson(object? value) => AnyEncoding.Write(RestWriter, value);

    /// <summary>
    /// Always a fresh key clock plus the key text: Yjs 13 specifies key de-duplication but its writer
    /// never uses it, and older readers depend on that.
    /// </summary>
    public void WriteKey(string key)
    {
        _keyClockEncoder.Write(_keyClock++);
        _stringEncoder.Write(key);
    }

    /// <summary>
    /// Feature flag 0, the nine columns as <c>varUint8Array</c> (keyClock, client, leftClock,
    /// rightClock, info, string, parentInfo, typeRef, len), then the rest bytes. Can be called again
    /// after further writes.
    /// </summary>
    public override byte[] ToArray()
    {
        var w = new Lib0Writer(RestWriter.Length + 256);
        w.WriteUInt8(0);
        _keyClockEncoder.WriteColumnTo(w);
        _clientEncoder.WriteColumnTo(w);
        _leftClockEncoder.WriteColumnTo(w);
        _rightClockEncoder.WriteColumnTo(w);
        _infoEncoder.WriteColumnTo(w);
        _stringEncoder.WriteColumnTo(w);
        _parentInfoEncoder.WriteColumnTo(w);
        _typeRefEncoder.WriteColumnTo(w);
        _lenEncoder.WriteColumnTo(w);
        w.WriteUint8Array(RestWriter.AsSpan());
        return w.ToArray();
    }
}
