namespace DraftPad.Crdt;

/// <summary>
/// Identifies one inserted unit: the author's client id and that client's clock at insertion.
/// Client ids are up to 2^53-1 on the wire (Yjs uses random uint32), clocks are 64-bit.
/// </summary>
public readonly record struct ID(ulong Client, long Clock)
{
    /// <inheritdoc />
    public override string ToString() => $"({Client},{Clock})";
}
