namespace DraftPad.Crdt.Encoding;

/// <summary>
/// V2 column for clocks (<c>keyClock</c>, <c>leftClock</c>, <c>rightClock</c>): runs of equal
/// deltas, each run as <c>varInt(2·delta + hasCount)</c> then, if hasCount, <c>varUint(n − 2)</c>.
/// </summary>
internal sealed class IntDiffOptRleEncoder
{
    private readonly Lib0Writer _w = new(32);
    private long _s;
    private long _diff;
    private long _count;

    public void Write(long value)
    {
        long diff = value - _s;
        if (_diff == diff)
        {
            _s = value;
            _count++;
            return;
        }
        Flush();
        _count = 1;
        _diff = diff;
        _s = value;
    }

    private void Flush()
    {
        if (_count == 0)
        {
            return;
        }
        _w.WriteVarInt(_diff * 2 + (_count == 1 ? 0 : 1));
        if (_count > 1)
        {
            _w.WriteVarUint((ulong)(_count - 2));
        }
    }

    /// <summary>Appends the column as <c>varUint8Array</c>; later writes continue the same runs.</summary>
    public void WriteColumnTo(Lib0Writer dest)
    {
        int mark = _w.Length;
        Flush();
        dest.WriteVarUint8Array(_w.AsSpan());
        _w.Truncate(mark);
    }
}
