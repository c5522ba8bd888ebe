namespace DraftPad.Crdt.Encoding;

/// <summary>Reads delete sets (and state vectors via <see cref="RestReader"/>) in V1 or V2 layout.</summary>
internal interface IDSDecoder
{
    /// <summary>The <c>rest</c> stream (the only stream in V1).</summary>
    Lib0Reader RestReader { get; }

    /// <summary>Starts a new client's ranges.</summary>
    void ResetDsCurVal();

    /// <summary>Reads a range start.</summary>
    long ReadDsClock();

    /// <summary>Reads a range length.</summary>
    long ReadDsLen();
}
