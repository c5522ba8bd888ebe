namespace DraftPad.Crdt.Encoding;

/// <summary>V1 delete-set writer: clocks and lengths as plain varUint.</summary>
internal class DSEncoderV1 : IDSEncoder
{
    /// <summary>Creates an encoder with an empty rest stream.</summary>
    public DSEncoderV1(int initialCapacity = 256)
    {
        RestWriter = new Lib0Writer(initialCapacity);
    }

    public Lib0Writer RestWriter { get; }

    public void ResetDsCurVal()
    {
    }

    public void WriteDsClock(long clock) => RestWriter.WriteVarUint((ulong)clock);

    public void WriteDsLen(long len) => RestWriter.WriteVarUint((ulong)len);

    public byte[] ToArray() => RestWriter.ToArray();
}
