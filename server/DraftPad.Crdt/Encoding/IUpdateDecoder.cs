namespace DraftPad.Crdt.Encoding;

/// <summary>Reads the fields written by <see cref="IUpdateEncoder"/>. Malformed input throws <see cref="YjsDecodeException"/>.</summary>
internal interface IUpdateDecoder : IDSDecoder
{
    /// <summary>An origin or parent ID.</summary>
    ID ReadLeftId();

    /// <summary>A rightOrigin ID.</summary>
    ID ReadRightId();

    /// <summary>A client-group client id.</summary>
    ulong ReadClient();

    /// <summary>A struct's info byte.</summary>
    byte ReadInfo();

    /// <summary>A string field.</summary>
    string ReadString();

    /// <summary>True when the parent is a root type.</summary>
    bool ReadParentInfo();

    /// <summary>A ContentType type ref.</summary>
    int ReadTypeRef();

    /// <summary>A length or element count.</summary>
    long ReadLen();

    /// <summary>A lib0 <c>any</c> value.</summary>
    object? ReadAny();

    /// <summary>A ContentBinary payload (a copy).</summary>
    byte[] ReadBuf();

    /// <summary>An embed or format value (V1: JSON text, <c>undefined</c> → <see cref="Undefined.Value"/>; V2: any).</summary>
    object? ReadJson();

    /// <summary>A format key or XML node name.</summary>
    string ReadKey();
}
