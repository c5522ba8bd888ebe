namespace DraftPad.Crdt.Encoding;

/// <summary>Reads an <see cref="RleEncoder"/> column; the final value repeats forever.</summary>
internal sealed class RleDecoder
{
    private readonly Lib0Reader _r;
    private byte _s;
    private long _count;
    private bool _forever;

    public RleDecoder(Lib0Reader reader) => _r = reader;

    public byte Read()
    {
        if (_count == 0)
        {
            if (_forever)
            {
                return _s;
            }
            _s = _r.ReadUInt8();
            if (!_r.HasContent)
            {
                _forever = true;
                return _s;
            }
            _count = (long)_r.ReadVarUint() + 1;
        }
        _count--;
        return _s;
    }
}
