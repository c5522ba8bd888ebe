namespace DraftPad.Crdt;

/// <summary>
/// A point in a document's history: its state vector and delete set (Y.snapshot). With gc off,
/// the content at that point can be rendered (<see cref="YText.ToString(YSnapshot)"/>).
/// </summary>
public sealed class YSnapshot
{
    internal readonly DeleteSet DeleteSet;
    internal readonly Dictionary<ulong, long> StateVector;

    internal YSnapshot(DeleteSet ds, Dictionary<ulong, long> sv)
    {
        DeleteSet = ds;
        StateVector = sv;
    }

    /// <summary>Captures the current state of <paramref name="doc"/>.</summary>
    public static YSnapshot Create(YDoc doc)
    {
        var sv = new Dictionary<ulong, long>();
        foreach (var (client, clock) in doc.Store.GetStateVector()) sv[client] = clock;
        return new YSnapshot(DeleteSet.FromStore(doc.Store), sv);
    }

    /// <summary>The state vector of the snapshot.</summary>
    public IReadOnlyDictionary<ulong, long> States => StateVector;

    internal bool IsVisible(Item item) =>
        StateVector.TryGetValue(item.Id.Client, out var clock) && clock > item.Id.Clock && !DeleteSet.Contains(item.Id);

    internal void SplitAffectedStructs(Transaction transaction)
    {
        var store = transaction.Doc.Store;
        foreach (var (client, clock) in StateVector)
        {
            if (clock < store.GetState(client)) store.GetCleanStart(transaction, new ID(client, clock));
        }
        TextFormatting.IterateDeletedStructs(transaction, DeleteSet, _ => { });
    }

    /// <summary>Encodes as Yjs does (V1): delete set, then state vector.</summary>
    public byte[] Encode() => Encode(v2: false);

    /// <summary>Encodes with the V2 delete-set layout.</summary>
    public byte[] EncodeV2() => Encode(v2: true);

    private byte[] Encode(bool v2)
    {
        IDSEncoder encoder = v2 ? new DSEncoderV2() : new DSEncoderV1();
        DeleteSet.Write(encoder);
        var rest = encoder.RestWriter;
        rest.WriteVarUint((ulong)StateVector.Count);
        foreach (var client in Model.DeleteSet.SortedClientsDescending(StateVector.Keys))
        {
            rest.WriteVarUint(client);
            rest.WriteVarUint((ulong)StateVector[client]);
        }
        return encoder.ToArray();
    }

    /// <summary>Decodes a V1 snapshot; malformed input throws <see cref="YjsDecodeException"/>.</summary>
    public static YSnapshot Decode(byte[] encoded) => Decode(encoded, v2: false);

    /// <summary>Decodes a V2 snapshot.</summary>
    public static YSnapshot DecodeV2(byte[] encoded) => Decode(encoded, v2: true);

    private static YSnapshot Decode(byte[] encoded, bool v2)
    {
        try
        {
            var reader = new Lib0Reader(encoded);
            IDSDecoder decoder = v2 ? new DSDecoderV2(reader) : new DSDecoderV1(reader);
            var ds = Model.DeleteSet.Read(decoder);
            // Empty ranges say nothing and cannot be written in the V2 layout.
            foreach (var ranges in ds.Clients.Values) ranges.RemoveAll(r => r.Length == 0);
            foreach (var client in ds.Clients.Where(c => c.Value.Count == 0).Select(c => c.Key).ToList()) ds.Clients.Remove(client);
            ds.SortAndMerge();
            var rest = decoder.RestReader;
            var sv = new Dictionary<ulong, long>();
            var n = Checks.Count((long)rest.ReadVarUint(), rest);
            for (var i = 0; i < n; i++) sv[rest.ReadVarUint()] = (long)rest.ReadVarUint();
            return new YSnapshot(ds, sv);
        }
        catch (Exception e) when (e is not YjsDecodeException)
        {
            throw new YjsDecodeException("Malformed snapshot: " + e.Message, e);
        }
    }
}
