namespace DraftPad.Crdt.Protocols;

/// <summary>
/// The y-protocols 1.0.7 auth sub-protocol (<c>y-protocols/auth</c>). Its only message is
/// "permission denied": <c>varUint 0 • varString reason</c>. In a y-websocket frame it follows the
/// message type 2 (see <see cref="YMessage.EncodeAuthPermissionDenied"/>).
/// </summary>
public static class AuthProtocol
{
    /// <summary>Wire value of the permission-denied auth message (<c>messagePermissionDenied</c>).</summary>
    public const int PermissionDenied = 0;

    /// <summary>Encodes a permission-denied auth message (without the y-websocket envelope).</summary>
    /// <param name="reason">Human-readable reason shown by the client.</param>
    /// <returns><c>varUint 0 • varString reason</c>.</returns>
    public static byte[] EncodePermissionDenied(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var writer = new Lib0Writer(reason.Length + 8);
        WritePermissionDenied(writer, reason);
        return writer.ToArray();
    }

    /// <summary>Writes a permission-denied auth message (<c>varUint 0 • varString reason</c>) to <paramref name="writer"/>.</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="reason">Human-readable reason.</param>
    public static void WritePermissionDenied(Lib0Writer writer, string reason)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reason);
        writer.WriteVarUint(PermissionDenied);
        writer.WriteVarString(reason);
    }

    /// <summary>
    /// Reads an auth message from <paramref name="reader"/> and returns its reason. Only the
    /// permission-denied type exists; any other type is rejected (y-protocols silently ignores it).
    /// Bytes after the message are left in the reader.
    /// </summary>
    /// <param name="reader">Positioned at the auth message type.</param>
    /// <returns>The permission-denied reason.</returns>
    /// <exception cref="YjsDecodeException">Unknown auth type or truncated reason.</exception>
    public static string ReadPermissionDenied(Lib0Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            if (!reader.HasContent) throw new YjsDecodeException("Auth message: missing auth message type.");
            var type = reader.ReadVarUint();
            if (type != PermissionDenied) throw new YjsDecodeException($"Auth message: unknown auth message type {type} (only 0 = permission denied exists).");
            if (!reader.HasContent) throw new YjsDecodeException("Auth message: missing permission-denied reason.");
            return reader.ReadVarString();
        }
        catch (YjsDecodeException e) when (!e.Message.StartsWith("Auth message", StringComparison.Ordinal))
        {
            throw new YjsDecodeException("Auth message: " + e.Message, e);
        }
    }

    /// <summary>Parses a complete permission-denied auth message (no envelope); trailing bytes are an error.</summary>
    /// <param name="authMessage">The encoded auth message.</param>
    /// <returns>The reason.</returns>
    /// <exception cref="YjsDecodeException">The message is malformed.</exception>
    public static string ParsePermissionDenied(byte[] authMessage)
    {
        ArgumentNullException.ThrowIfNull(authMessage);
        var reader = new Lib0Reader(authMessage);
        var reason = ReadPermissionDenied(reader);
        if (reader.HasContent) throw new YjsDecodeException($"Auth message: {reader.Remaining} unexpected bytes after the reason.");
        return reason;
    }
}
