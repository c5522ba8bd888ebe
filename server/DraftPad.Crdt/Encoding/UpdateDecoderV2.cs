namespace DraftPad.Crdt.Encoding;

/// <summary>
/// V2 update reader. The constructor reads the feature flag and the nine columns; what follows in
/// the original reader is the rest stream.
/// </summary>
internal sealed class UpdateDecoderV2 : DSDecoderV2, IUpdateDecoder
{
    private readonly List<string> _keys = [];
    private readonly IntDiffOptRleDecoder _keyClockDecoder;
    private readonly UintOptRleDecoder _clientDecoder;
    private readonly IntDiffOptRleDecoder _leftClockDecoder;
    private readonly IntDiffOptRleDecoder _rightClockDecoder;
    private readonly RleDecoder _infoDecoder;
    private readonly StringDecoder _stringDecoder;
    private readonly RleDecoder _parentInfoDecoder;
    private readonly UintOptRleDecoder _typeRefDecoder;
    private readonly UintOptRleDecoder _lenDecoder;

    /// <summary>Reads the V2 header from <paramref name="reader"/>, which is positioned at the update start.</summary>
    /// <exception cref="YjsDecodeException">The header or a column is truncated or malformed.</exception>
    public UpdateDecoderV2(Lib0Reader reader) : base(reader)
    {
        // The feature flag is reserved; Yjs ignores its value.
        reader.ReadVarUint();
        _keyClockDecoder = new IntDiffOptRleDecoder(reader.ReadVarUint8ArrayReader());
        _clientDecoder = new UintOptRleDecoder(reader.ReadVarUint8ArrayReader());
        _leftClockDecoder = new IntDiffOptRleDecoder(reader.ReadVarUint8ArrayReader());
        _rightClockDecoder = new IntDiffOptRleDecoder(reader.ReadVarUint8ArrayReader());
        _infoDecoder = new RleDecoder(reader.ReadVarUint8ArrayReader());
        _stringDecoder = new StringDecoder(reader.ReadVarUint8ArrayReader());
        _parentInfoDecoder = new RleDecoder(reader.ReadVarUint8ArrayReader());
        _typeRefDecoder = new UintOptRleDecoder(reader.ReadVarUint8ArrayReader());
        _lenDecoder = new UintOptRleDecoder(reader.ReadVarUint8ArrayReader());
    }

    public ID ReadLeftId()
    {
        ulong client = (ulong)_clientDecoder.Read();
        return new ID(client, CheckClock(_leftClockDecoder.Read()));
    }

    public ID ReadRightId()
    {
        ulong client = (ulong)_clientDecoder.Read();
        return new ID(client, CheckClock(_rightClockDecoder.Read()));
    }

    private static long CheckClock(long clock)
    {
        if (clock < 0)
        {
            throw new YjsDecodeException("Negative clock in V2 update.");
        }
        return clock;
    }

    public ulong ReadClient() => (ulong)_clientDecoder.Read();

    public byte ReadInfo() => _infoDecoder.Read();

    public string ReadString() => _stringDecoder.Read();

    public bool ReadParentInfo() => _parentInfoDecoder.Read() == 1;

    public int ReadTypeRef()
    {
        long v = _typeRefDecoder.Read();
        if (v > int.MaxValue)
        {
            throw new YjsDecodeException("Type ref out of range.");
        }
        return (int)v;
    }

    public long ReadLen() => _lenDecoder.Read();

    public object? ReadAny() => AnyEncoding.Read(RestReader);

    public byte[] ReadBuf() => RestReader.ReadVarUint8Array();

    public object? ReadJson() => AnyEncoding.Read(RestReader);

    public string ReadKey()
    {
        long keyClock = _keyClockDecoder.Read();
        if (keyClock < 0)
        {
            throw new YjsDecodeException("Negative key clock in V2 update.");
        }
        if (keyClock < _keys.Count)
        {
            return _keys[(int)keyClock];
        }
        string key = _stringDecoder.Read();
        _keys.Add(key);
        return key;
    }
}
