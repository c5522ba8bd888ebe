namespace DraftPad.Crdt.Encoding;

/// <summary>
/// V2 column: run-length encoded bytes (<c>info</c>, <c>parentInfo</c>). Each run is the value
/// then <c>varUint(runLength - 1)</c>, except that the last run's count is never written.
/// </summary>
internal sealed class RleEncoder
{
    private readonly Lib0Writer _w = new(32);
    private byte _s;
    private long _count;

    public void Write(byte value)
    {
        if (_count > 0 && _s == value)
        {
            _count++;
            return;
        }
        if (_count > 0)
        {
            _w.WriteVarUint((ulong)(_count - 1));
        }
        _count = 1;
        _w.WriteUInt8(value);
        _s = value;
    }

    /// <summary>Appends the column as <c>varUint8Array</c>.</summary>
    public void WriteColumnTo(Lib0Writer dest) => dest.WriteVarUint8Array(_w.AsSpan());
}
