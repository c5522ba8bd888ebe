namespace DraftPad.Crdt.Encoding;

/// <summary>
/// V2 column for unsigned values (<c>client</c>, <c>typeRef</c>, <c>len</c>, string lengths):
/// a single value is <c>varInt(v)</c>; a run of n ≥ 2 is <c>varInt(−v) • varUint(n − 2)</c>, the
/// sign (including negative zero) marking that a count follows.
/// </summary>
internal sealed class UintOptRleEncoder
{
    private readonly Lib0Writer _w = new(32);
    private ulong _s;
    private long _count;

    public void Write(ulong value)
    {
        if (_s == value)
        {
            _count++;
            return;
        }
        Flush();
        _count = 1;
        _s = value;
    }

    private void Flush()
    {
        if (_count == 0)
        {
            return;
        }
        if (_count == 1)
        {
            _w.WriteVarInt((long)_s, false);
        }
        else
        {
            _w.WriteVarInt((long)_s, true);
            _w.WriteVarUint((ulong)(_count - 2));
        }
    }

    /// <summary>
    /// Flushes the pending run into the buffer and returns the complete bytes. The caller must call
    /// <see cref="EndFlush"/> with the returned mark, which undoes the flush so writing can continue
    /// exactly as if it had not happened.
    /// </summary>
    public ReadOnlySpan<byte> BeginFlush(out int mark)
    {
        mark = _w.Length;
        Flush();
        return _w.AsSpan();
    }

    /// <summary>Undoes <see cref="BeginFlush"/>.</summary>
    public void EndFlush(int mark) => _w.Truncate(mark);

    /// <summary>Appends the column as <c>varUint8Array</c>.</summary>
    public void WriteColumnTo(Lib0Writer dest)
    {
        ReadOnlySpan<byte> bytes = BeginFlush(out int mark);
        dest.WriteVarUint8Array(bytes);
        EndFlush(mark);
    }
}
