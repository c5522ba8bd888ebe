namespace DraftPad.Crdt.Encoding;

/// <summary>Writes delete sets (and state vectors via <see cref="RestWriter"/>) in V1 or V2 layout.</summary>
internal interface IDSEncoder
{
    /// <summary>The <c>rest</c> stream (the only stream in V1).</summary>
    Lib0Writer RestWriter { get; }

    /// <summary>Starts a new client's ranges (V2 diffs clocks from a per-client cursor).</summary>
    void ResetDsCurVal();

    /// <summary>Writes a range start.</summary>
    void WriteDsClock(long clock);

    /// <summary>Writes a range length (must be positive).</summary>
    void WriteDsLen(long len);

    /// <summary>The encoded bytes.</summary>
    byte[] ToArray();
}
