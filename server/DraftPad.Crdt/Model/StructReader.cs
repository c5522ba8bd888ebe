namespace DraftPad.Crdt.Model;

/// <summary>Decodes the struct section of an update into per-client struct lists, without touching any document.</summary>
internal static class StructReader
{
    /// <summary>
    /// Exclusive bound for clocks (struct ends and the ids items refer to). V2 writes origin, right-origin
    /// and parent clocks as IntDiffOptRle columns, i.e. lib0 varInts of 2·diff+1, which must stay below
    /// 2^53; with every clock below 2^52 they do. No real client gets anywhere near 2^52 clocks.
    /// </summary>
    public const long MaxClock = 1L << 52;

    private static ID CheckId(ID id) =>
        id.Clock < MaxClock ? id : throw new YjsDecodeException($"Id {id} has a clock beyond 2^52.");

    /// <summary>Reads one struct of <paramref name="client"/> at <paramref name="clock"/>.</summary>
    public static AbstractStruct ReadStruct(IUpdateDecoder decoder, ulong client, long clock)
    {
        var info = decoder.ReadInfo();
        switch (info & 0x1F)
        {
            case ContentRef.Gc:
                return new GcStruct(new ID(client, clock), Checks.PositiveLength(decoder.ReadLen()));
            case ContentRef.Skip:
                {
                    // A Skip only covers a gap in a merged update and is never integrated, so (unlike GC and
                    // items) its length is a clock distance: a gap of more than 2^31 clocks is legal (Yjs
                    // writes one when pending structs sit far beyond the known state).
                    var len = (long)decoder.RestReader.ReadVarUint();
                    if (len <= 0) throw new YjsDecodeException($"Invalid skip length {len}.");
                    return new Skip(new ID(client, clock), len);
                }
            default:
                {
                    var cantCopyParentInfo = (info & (0x80 | 0x40)) == 0;
                    ID? origin = (info & 0x80) != 0 ? CheckId(decoder.ReadLeftId()) : null;
                    ID? rightOrigin = (info & 0x40) != 0 ? CheckId(decoder.ReadRightId()) : null;
                    object? parent = null;
                    string? parentSub = null;
                    if (cantCopyParentInfo)
                    {
                        parent = decoder.ReadParentInfo() ? decoder.ReadString() : CheckId(decoder.ReadLeftId());
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
                if (clock > MaxClock) throw new YjsDecodeException("Clock overflow in update (beyond 2^52).");
            }
            result[client] = refs;
        }
        return result;
    }
}
