namespace DraftPad.Crdt;

/// <summary>
/// The one exception DraftPad.Crdt throws for malformed, truncated or otherwise unreadable
/// binary input (updates, state vectors, snapshots, y-protocols and awareness messages).
/// When it is thrown by an apply operation, the document is left unchanged.
/// </summary>
public sealed class YjsDecodeException : Exception
{
    /// <summary>Creates the exception with a message that says what was wrong.</summary>
    public YjsDecodeException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public YjsDecodeException(string message, Exception inner) : base(message, inner) { }
}
