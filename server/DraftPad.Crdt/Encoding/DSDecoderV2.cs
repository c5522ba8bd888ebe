namespace DraftPad.Crdt.Encoding;

/// <summary>V2 delete-set reader: undoes the per-client clock diffing and the length-minus-one.</summary>
internal class DSDecoderV2 : IDSDecoder
{
    private long _dsCurVal;

    /// <summary>Reads from <paramref name="reader"/>, which is positioned at the data start.</summary>
    public DSDecoderV2(Lib0Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        RestReader = reader;
    }

    public Lib0Reader RestReader { get; }

    public void ResetDsCurVal() => _dsCurVal = 0;

    public long ReadDsClock()
    {
        long clock = _dsCurVal + RestReader.ReadVarUintAsLong();
        CheckRange(clock);
        _dsCurVal = clock;
        return clock;
    }

    public long ReadDsLen()
    {
        long len = RestReader.ReadVarUintAsLong() + 1;
        long end = _dsCurVal + len;
        CheckRange(end);
        _dsCurVal = end;
        return len;
    }

    private static void CheckRange(long clock)
    {
        // Operands are each below 2^53, so the sum cannot overflow before this check.
        if (clock > Lib0Reader.MaxSafeInteger)
        {
            throw new YjsDecodeException("Delete set clock out of range.");
        }
    }
}
