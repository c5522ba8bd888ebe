namespace DraftPad.Crdt.Model;

/// <summary>Decodes the struct section of an update into per-client struct lists, without touching any document.</summary>
internal static class StructReader
{
    /// <summary>Reads one struct of <paramref name="client"/> at <paramref name="clock"/>.</summary>
    public static AbstractStruct ReadStruct(IUpdateDecoder decoder, ulong client, long clock)
    {
        var info = decoder.ReadInfo();
        switch (info & 0x1F)
        {
            case ContentRef.Gc:
                return new GcStruct(new ID(client, clock), Checks.PositiveLength(decoder.ReadLen()));
            case ContentRef.Skip:
                return new Skip(new ID(client, clock), Checks.PositiveLength((long)decoder.RestReader.ReadVarUint()));
            default:
                {
                    var cantCopyParentInfo = (info & (0x80 | 0x40)) == 0;
                    ID? origin = (info & 0x80) != 0 ? decoder.ReadLeftId() : null;
                    ID? rightOrigin = (info & 0x40) != 0 ? decoder.ReadRightId() : null;
                    object? parent = null;
                    string? parentSub = null;
                    if (cantCopyParentInfo)
                    {
                        parent = decoder.ReadParentInfo() ? decoder.ReadString() : decoder.ReadLeftId();
                        if ((info & 0x20) != 0) parentSub = decoder.ReadString();
                    }
                    var content = Content.Read(decoder, info);
                    return new Item(new ID(client, clock), null, origin, null, rightOrigin, parent, parentSub, content);
                }
        }
    }

    /// <summary>Reads all client groups (Yjs's readClientsStructRefs). A client listed twice keeps its last group, as in Yjs.</summary>
    public static Dictionary<ulong, List<AbstractStruct>> ReadClientsStructRefs(IUpdateDecoder decoder)
    {
        var result = new Dictionary<ulong, List<AbstractStruct>>();
        var rest = decoder.RestReader;
        var numGroups = Checks.Count((long)rest.ReadVarUint(), rest);
        for (var g = 0; g < numGroups; g++)
        {
            var numStructs = decoder is UpdateDecoderV2
                ? Checks.Count((long)rest.ReadVarUint(), Checks.MaxV2Count)
                : Checks.Count((long)rest.ReadVarUint(), rest);
            var client = decoder.ReadClient();
            var clock = (long)rest.ReadVarUint();
            var refs = new List<AbstractStruct>(Math.Min(numStructs, 4096));
            for (var i = 0; i < numStructs; i++)
            {
                var s = ReadStruct(decoder, client, clock);
                refs.Add(s);
                clock += s.Length;
                if (clock > DeleteSet.MaxSafe) throw new YjsDecodeException("Clock overflow in update.");
            }
            result[client] = refs;
        }
        return result;
    }
}
