namespace DraftPad.Crdt.Model;

/// <summary>Writes structs and delete sets of a document as V1 or V2 updates, byte-identical to Yjs.</summary>
internal static class UpdateWriter
{
    public static IUpdateEncoder CreateEncoder(bool v2) => v2 ? new UpdateEncoderV2() : new UpdateEncoderV1();

    /// <summary>Writes, for every client, the structs from <paramref name="targetState"/> on (missing = 0).</summary>
    public static void WriteClientsStructs(IUpdateEncoder encoder, StructStore store, IReadOnlyDictionary<ulong, long> targetState)
    {
        var from = new Dictionary<ulong, long>();
        foreach (var (client, clock) in targetState)
        {
            if (store.GetState(client) > clock) from[client] = clock;
        }
        foreach (var client in store.Clients.Keys)
        {
            if (!targetState.ContainsKey(client)) from[client] = 0;
        }
        var rest = encoder.RestWriter;
        rest.WriteVarUint((ulong)from.Count);
        foreach (var client in DeleteSet.SortedClientsDescending(from.Keys))
        {
            WriteStructs(encoder, store.Clients[client], client, from[client]);
        }
    }

    private static void WriteStructs(IUpdateEncoder encoder, List<AbstractStruct> structs, ulong client, long clock)
    {
        clock = Math.Max(clock, structs[0].Id.Clock);
        var start = StructStore.FindIndex(structs, clock);
        var rest = encoder.RestWriter;
        rest.WriteVarUint((ulong)(structs.Count - start));
        encoder.WriteClient(client);
        rest.WriteVarUint((ulong)clock);
        var first = structs[start];
        first.Write(encoder, (int)(clock - first.Id.Clock));
        for (var i = start + 1; i < structs.Count; i++) structs[i].Write(encoder, 0);
    }

    /// <summary>The structs and deletions of one finished transaction (clients written from their before-state).</summary>
    public static byte[] EncodeTransaction(Transaction transaction, bool v2)
    {
        var encoder = CreateEncoder(v2);
        var store = transaction.Doc.Store;
        var changed = new List<ulong>();
        foreach (var (client, before) in transaction.BeforeStates)
        {
            if (store.GetState(client) != before) changed.Add(client);
        }
        var rest = encoder.RestWriter;
        rest.WriteVarUint((ulong)changed.Count);
        foreach (var client in DeleteSet.SortedClientsDescending(changed))
        {
            WriteStructs(encoder, store.Clients[client], client, transaction.BeforeStates[client]);
        }
        transaction.DeleteSet.Write(encoder);
        return encoder.ToArray();
    }

    /// <summary>Yjs's encodeStateAsUpdate: structs after the target state vector, the full delete set, pending data.</summary>
    public static byte[] EncodeStateAsUpdate(YDoc doc, IReadOnlyDictionary<ulong, long> targetState, byte[]? encodedTargetState, bool v2)
    {
        var encoder = CreateEncoder(v2);
        WriteClientsStructs(encoder, doc.Store, targetState);
        DeleteSet.FromStore(doc.Store).Write(encoder);
        var update = encoder.ToArray();
        var store = doc.Store;
        if (store.PendingDs == null && store.Pending == null) return update;

        var updates = new List<byte[]> { v2 ? update : UpdateConversion.ToV2(update) };
        if (store.PendingDs != null) updates.Add(store.PendingDs);
        if (store.Pending != null) updates.Add(UpdateOps.DiffUpdateV2(store.Pending.Update, encodedTargetState ?? [0]));
        var merged = UpdateOps.MergeUpdatesV2(updates);
        return v2 ? merged : UpdateConversion.ToV1(merged);
    }

    public static byte[] EncodeStateVector(IEnumerable<KeyValuePair<ulong, long>> sv)
    {
        var entries = sv.ToList();
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)entries.Count);
        foreach (var (client, clock) in entries.OrderByDescending(e => e.Key))
        {
            writer.WriteVarUint(client);
            writer.WriteVarUint((ulong)clock);
        }
        return writer.ToArray();
    }

    public static Dictionary<ulong, long> DecodeStateVector(ReadOnlySpan<byte> encoded)
    {
        var sv = new Dictionary<ulong, long>();
        if (encoded.IsEmpty) return sv;
        var reader = new Lib0Reader(encoded.ToArray());
        var count = Checks.Count((long)reader.ReadVarUint(), reader);
        for (var i = 0; i < count; i++)
        {
            var client = reader.ReadVarUint();
            var clock = (long)reader.ReadVarUint();
            sv[client] = clock;
        }
        return sv;
    }
}
