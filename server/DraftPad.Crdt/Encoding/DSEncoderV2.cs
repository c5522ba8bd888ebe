namespace DraftPad.Crdt.Encoding;

/// <summary>V2 delete-set writer: clock as the gap from the previous range's end, length minus one.</summary>
internal class DSEncoderV2 : IDSEncoder
{
    private long _dsCurVal;

    /// <summary>Creates an encoder with an empty rest stream.</summary>
    public DSEncoderV2(int initialCapacity = 256)
    {
        RestWriter = new Lib0Writer(initialCapacity);
    }

    public Lib0Writer RestWriter { get; }

    public void ResetDsCurVal() => _dsCurVal = 0;

    public void WriteDsClock(long clock)
    {
        long diff = clock - _dsCurVal;
        _dsCurVal = clock;
        RestWriter.WriteVarUint((ulong)diff);
    }

    public void WriteDsLen(long len)
    {
        if (len <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(len), "Delete ranges must have a positive length.");
        }
        RestWriter.WriteVarUint((ulong)(len - 1));
        _dsCurVal += len;
    }

    public virtual byte[] ToArray() => RestWriter.ToArray();
}
