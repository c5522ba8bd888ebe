namespace DraftPad.Crdt.Encoding;

/// <summary>Writes the fields of an update; V1 puts everything in one stream, V2 splits it into columns.</summary>
internal interface IUpdateEncoder : IDSEncoder
{
    /// <summary>An origin or parent ID (V2: client column + leftClock column).</summary>
    void WriteLeftId(ID id);

    /// <summary>A rightOrigin ID (V2: client column + rightClock column).</summary>
    void WriteRightId(ID id);

    /// <summary>A client-group client id.</summary>
    void WriteClient(ulong client);

    /// <summary>A struct's info byte.</summary>
    void WriteInfo(byte info);

    /// <summary>A string (root name, parentSub, string content, ContentJSON element, guid).</summary>
    void WriteString(string s);

    /// <summary>True when the parent is a root type (name follows), false for a parent item ID.</summary>
    void WriteParentInfo(bool isYKey);

    /// <summary>A ContentType type ref.</summary>
    void WriteTypeRef(int typeRef);

    /// <summary>A length or element count.</summary>
    void WriteLen(long len);

    /// <summary>A lib0 <c>any</c> value (always in rest).</summary>
    void WriteAny(object? value);

    /// <summary>A ContentBinary payload (always in rest).</summary>
    void WriteBuf(ReadOnlySpan<byte> buf);

    /// <summary>An embed or format value: JSON text in V1 (<c>undefined</c> as literal text), <c>any</c> in V2.</summary>
    void WriteJson(object? value);

    /// <summary>A format key or XML node name (V2: fresh key clock + string column).</summary>
    void WriteKey(string key);
}
