namespace DraftPad.Crdt.Encoding;

/// <summary>
/// The JavaScript <c>undefined</c> value of the lib0 <c>any</c> model. It is distinct from
/// <see langword="null"/> (JS <c>null</c>) because both exist on the wire (tags 127 and 126).
/// </summary>
public sealed class Undefined
{
    /// <summary>The only instance.</summary>
    public static readonly Undefined Value = new();

    private Undefined()
    {
    }

    /// <summary>Returns <c>"undefined"</c>.</summary>
    public override string ToString() => "undefined";
}
