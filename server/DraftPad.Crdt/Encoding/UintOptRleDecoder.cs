namespace DraftPad.Crdt.Encoding;

/// <summary>Reads a <see cref="UintOptRleEncoder"/> column; reading past its end throws <see cref="YjsDecodeException"/>.</summary>
internal sealed class UintOptRleDecoder
{
    private readonly Lib0Reader _r;
    private long _s;
    private long _count;

    public UintOptRleDecoder(Lib0Reader reader) => _r = reader;

    /// <summary>Next value, at most 2^53-1.</summary>
    public long Read()
    {
        if (_count == 0)
        {
            _s = _r.ReadVarIntMagnitude(out bool negative);
            _count = negative ? (long)_r.ReadVarUint() + 2 : 1;
        }
        _count--;
        return _s;
    }
}
