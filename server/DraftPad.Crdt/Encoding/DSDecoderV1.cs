namespace DraftPad.Crdt.Encoding;

/// <summary>V1 delete-set reader.</summary>
internal class DSDecoderV1 : IDSDecoder
{
    /// <summary>Reads from <paramref name="reader"/>, which is positioned at the data start.</summary>
    public DSDecoderV1(Lib0Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        RestReader = reader;
    }

    public Lib0Reader RestReader { get; }

    public void ResetDsCurVal()
    {
    }

    public long ReadDsClock() => RestReader.ReadVarUintAsLong();

    public long ReadDsLen() => RestReader.ReadVarUintAsLong();
}
