namespace DraftPad.Crdt.Encoding;

/// <summary>Reads an <see cref="IntDiffOptRleEncoder"/> column; reading past its end throws <see cref="YjsDecodeException"/>.</summary>
internal sealed class IntDiffOptRleDecoder
{
    private readonly Lib0Reader _r;
    private long _s;
    private long _diff;
    private long _count;

    public IntDiffOptRleDecoder(Lib0Reader reader) => _r = reader;

    public long Read()
    {
        if (_count == 0)
        {
            long x = _r.ReadVarInt();
            _diff = x >> 1;
            _count = (x & 1) != 0 ? (long)_r.ReadVarUint() + 2 : 1;
        }
        long s = _s + _diff;
        // Each delta is below 2^53, so this check also keeps the running sum from overflowing.
        if (s > Lib0Reader.MaxSafeInteger || s < -Lib0Reader.MaxSafeInteger)
        {
            throw new YjsDecodeException("Clock column value out of range.");
        }
        _s = s;
        _count--;
        return s;
    }
}
