namespace DraftPad.Crdt.Encoding;

/// <summary>V1 update reader.</summary>
internal sealed class UpdateDecoderV1 : DSDecoderV1, IUpdateDecoder
{
    /// <summary>Reads from <paramref name="reader"/>, which is positioned at the update start.</summary>
    public UpdateDecoderV1(Lib0Reader reader) : base(reader)
    {
    }

    public ID ReadLeftId()
    {
        ulong client = RestReader.ReadVarUint();
        return new ID(client, RestReader.ReadVarUintAsLong());
    }

    public ID ReadRightId()
    {
        ulong client = RestReader.ReadVarUint();
        return new ID(client, RestReader.ReadVarUintAsLong());
    }

    public ulong ReadClient() => RestReader.ReadVarUint();

    public byte ReadInfo() => RestReader.ReadUInt8();

    public string ReadString() => RestReader.ReadVarString();

    public bool ReadParentInfo() => RestReader.ReadVarUint() == 1;

    public int ReadTypeRef() => RestReader.ReadVarUintAsInt();

    public long ReadLen() => RestReader.ReadVarUintAsLong();

    public object? ReadAny() => AnyEncoding.Read(RestReader);

    public byte[] ReadBuf() => RestReader.ReadVarUint8Array();

    public object? ReadJson()
    {
        string text = RestReader.ReadVarString();
        return text == "undefined" ? Undefined.Value : JsJson.Parse(text);
    }

    public string ReadKey() => RestReader.ReadVarString();
}
