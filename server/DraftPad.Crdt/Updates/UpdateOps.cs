namespace DraftPad.Crdt.Updates;

/// <summary>
/// Operations on encoded updates that need no document (Yjs's updates.js): merge, diff against a
/// state vector, state vector of an update, format conversion. Outputs are byte-identical to Yjs.
/// </summary>
internal static class UpdateOps
{
    private static IUpdateDecoder Decoder(byte[] update, bool v2)
    {
        var reader = new Lib0Reader(update);
        return v2 ? new UpdateDecoderV2(reader) : new UpdateDecoderV1(reader);
    }

    private static IUpdateEncoder Encoder(bool v2) => v2 ? new UpdateEncoderV2() : new UpdateEncoderV1();

    /// <summary>Yjs's mergeUpdatesV2. One update is returned as it is (the same array), as in Yjs.</summary>
    public static byte[] MergeUpdatesV2(IReadOnlyList<byte[]> updates) => Merge(updates, v2: true);

    /// <summary>Yjs's mergeUpdates (V1).</summary>
    public static byte[] MergeUpdates(IReadOnlyList<byte[]> updates) => Merge(updates, v2: false);

    /// <summary>Yjs's diffUpdateV2: what a peer at <paramref name="stateVector"/> lacks of <paramref name="update"/>.</summary>
    public static byte[] DiffUpdateV2(byte[] update, byte[] stateVector) => Diff(update, stateVector, v2: true);

    /// <summary>Yjs's diffUpdate (V1).</summary>
    public static byte[] DiffUpdate(byte[] update, byte[] stateVector) => Diff(update, stateVector, v2: false);

    /// <summary>Yjs's encodeStateVectorFromUpdateV2.</summary>
    public static byte[] EncodeStateVectorFromUpdateV2(byte[] update) => StateVectorFromUpdate(update, v2: true);

    /// <summary>Yjs's encodeStateVectorFromUpdate (V1).</summary>
    public static byte[] EncodeStateVectorFromUpdate(byte[] update) => StateVectorFromUpdate(update, v2: false);

    /// <summary>Yjs's convertUpdateFormatV1ToV2.</summary>
    public static byte[] ConvertUpdateFormatV1ToV2(byte[] update) => Convert(update, fromV2: false, toV2: true);

    /// <summary>Yjs's convertUpdateFormatV2ToV1.</summary>
    public static byte[] ConvertUpdateFormatV2ToV1(byte[] update) => Convert(update, fromV2: true, toV2: false);

    /// <summary>Yjs's parseUpdateMetaV2: per client, the first clock and the end clock the update covers.</summary>
    public static (Dictionary<ulong, long> From, Dictionary<ulong, long> To) ParseUpdateMetaV2(byte[] update) => ParseMeta(update, v2: true);

    /// <summary>Yjs's parseUpdateMeta (V1).</summary>
    public static (Dictionary<ulong, long> From, Dictionary<ulong, long> To) ParseUpdateMeta(byte[] update) => ParseMeta(update, v2: false);

    private static byte[] Merge(IReadOnlyList<byte[]> updates, bool v2)
    {
        if (updates.Count == 1) return updates[0];
        var decoders = updates.Select(u => Decoder(u, v2)).ToList();
        var readers = decoders.Select(d => new LazyStructReader(d, filterSkips: true)).ToList();
        var encoder = Encoder(v2);
        var writer = new LazyStructWriter(encoder);
        AbstractStruct? currWrite = null;
        var currOffset = 0;
        var sorter = new JsArraySort<LazyStructReader>(static (a, b) => Compare(a.Curr!, b.Curr!));

        while (true)
        {
            readers.RemoveAll(r => r.Curr == null);
            if (readers.Count == 0) break;
            // Higher clients first, then by clock. The comparator is Yjs's, including its inconsistency
            // (a GC and an Item at the same id are each "less" than the other), so the order, and with
            // it which of the two is written, is whatever V8's sort makes of it.
            sorter.Sort(readers);
            var currDecoder = readers[0];
            var firstClient = currDecoder.Curr!.Id.Client;

            if (currWrite != null)
            {
                var curr = currDecoder.Curr;
                var iterated = false;
                // Skip what was written already (higher clients are written first).
                while (curr != null && curr.Id.Clock + curr.Length <= currWrite.Id.Clock + currWrite.Length
                    && curr.Id.Client >= currWrite.Id.Client)
                {
                    curr = currDecoder.Next();
                    iterated = true;
                }
                if (curr == null || curr.Id.Client != firstClient
                    || (iterated && curr.Id.Clock > currWrite.Id.Clock + currWrite.Length))
                {
                    continue;
                }
                if (firstClient != currWrite.Id.Client)
                {
                    writer.Write(currWrite, currOffset);
                    currWrite = curr;
                    currOffset = 0;
                    currDecoder.Next();
                }
                else if (currWrite.Id.Clock + currWrite.Length < curr.Id.Clock)
                {
                    // A gap: cover it with a Skip.
                    if (currWrite is Skip)
                    {
                        currWrite.Length = curr.Id.Clock + curr.Length - currWrite.Id.Clock;
                    }
                    else
                    {
                        writer.Write(currWrite, currOffset);
                        var diff = curr.Id.Clock - currWrite.Id.Clock - currWrite.Length;
                        currWrite = new Skip(new ID(firstClient, currWrite.Id.Clock + currWrite.Length), diff);
                        currOffset = 0;
                    }
                }
                else
                {
                    var diff = currWrite.Id.Clock + currWrite.Length - curr.Id.Clock;
                    if (diff > 0)
                    {
                        // Prefer shortening a Skip: the other struct carries real content.
                        if (currWrite is Skip) currWrite.Length -= diff;
                        else curr = SliceStruct(curr, diff);
                    }
                    if (!currWrite.MergeWith(curr))
                    {
                        writer.Write(currWrite, currOffset);
                        currWrite = curr;
                        currOffset = 0;
                        currDecoder.Next();
                    }
                }
            }
            else
            {
                currWrite = currDecoder.Curr;
                currOffset = 0;
                currDecoder.Next();
            }
            for (var next = currDecoder.Curr;
                 next != null && next.Id.Client == firstClient && next.Id.Clock == currWrite!.Id.Clock + currWrite.Length && next is not Skip;
                 next = currDecoder.Next())
            {
                writer.Write(currWrite, currOffset);
                currWrite = next;
                currOffset = 0;
            }
        }
        if (currWrite != null) writer.Write(currWrite, currOffset);
        writer.Finish();

        var merged = new DeleteSet();
        foreach (var decoder in decoders)
        {
            var ds = DeleteSet.Read(decoder);
            foreach (var (client, ranges) in ds.Clients)
            {
                if (!merged.Clients.TryGetValue(client, out var list)) merged.Clients[client] = list = new List<DeleteRange>();
                list.AddRange(ranges);
            }
        }
        merged.SortAndMerge();
        WriteDeleteSet(merged, encoder);
        return encoder.ToArray();
    }

    /// <summary>Yjs's reader order: client descending, clock ascending, at the same clock a Skip after anything else.</summary>
    private static int Compare(AbstractStruct a, AbstractStruct b)
    {
        if (a.Id.Client == b.Id.Client)
        {
            var diff = a.Id.Clock.CompareTo(b.Id.Clock);
            if (diff != 0) return diff;
            if (a.GetType() == b.GetType()) return 0;
            return a is Skip ? 1 : -1;
        }
        return b.Id.Client.CompareTo(a.Id.Client);
    }

    /// <summary>
    /// The part of <paramref name="left"/> from <paramref name="diff"/> on, as a new struct (Yjs's sliceStruct).
    /// For an item this splits the content, leaving <paramref name="left"/> with the prefix as Yjs does;
    /// the caller discards <paramref name="left"/>.
    /// </summary>
    private static AbstractStruct SliceStruct(AbstractStruct left, long diff)
    {
        var client = left.Id.Client;
        var clock = left.Id.Clock;
        return left switch
        {
            GcStruct => new GcStruct(new ID(client, clock + diff), left.Length - diff),
            Skip => new Skip(new ID(client, clock + diff), left.Length - diff),
            Item item => new Item(new ID(client, clock + diff), null, new ID(client, clock + diff - 1), null,
                item.RightOrigin, item.Parent, item.ParentSub, item.Content.Splice((int)diff)),
            _ => throw new InvalidOperationException(),
        };
    }

    private static byte[] Diff(byte[] update, byte[] stateVector, bool v2)
    {
        var state = UpdateWriter.DecodeStateVector(stateVector);
        var encoder = Encoder(v2);
        var writer = new LazyStructWriter(encoder);
        var decoder = Decoder(update, v2);
        var reader = new LazyStructReader(decoder, filterSkips: false);
        while (reader.Curr != null)
        {
            var curr = reader.Curr;
            var client = curr.Id.Client;
            var svClock = state.TryGetValue(client, out var c) ? c : 0;
            if (curr is Skip)
            {
                reader.Next();
                continue;
            }
            if (curr.Id.Clock + curr.Length > svClock)
            {
                writer.Write(curr, (int)Math.Max(svClock - curr.Id.Clock, 0));
                reader.Next();
                while (reader.Curr != null && reader.Curr.Id.Client == client)
                {
                    writer.Write(reader.Curr, 0);
                    reader.Next();
                }
            }
            else
            {
                while (reader.Curr != null && reader.Curr.Id.Client == client && reader.Curr.Id.Clock + reader.Curr.Length <= svClock)
                {
                    reader.Next();
                }
            }
        }
        writer.Finish();
        WriteDeleteSetAsRead(decoder, encoder);
        return encoder.ToArray();
    }

    private static void WriteDeleteSetAsRead(IUpdateDecoder decoder, IUpdateEncoder encoder) =>
        WriteDeleteSet(DeleteSet.Read(decoder), encoder);

    /// <summary>
    /// Writes a delete set as Yjs does: V1 exactly as given (a V1 update may list ranges out of order,
    /// overlapping or empty, and Yjs re-emits them verbatim). V2 stores each clock as the distance from
    /// the previous range's end and each length minus one. An empty range has no V2 form (Yjs throws
    /// too); ranges out of order or overlapping have none either (Yjs writes negative numbers there,
    /// which decode as other ranges), so those are sorted and merged first. Delete sets Yjs itself
    /// writes are never affected.
    /// </summary>
    private static void WriteDeleteSet(DeleteSet ds, IUpdateEncoder encoder)
    {
        if (encoder is UpdateEncoderV2)
        {
            foreach (var ranges in ds.Clients.Values)
            {
                long end = 0;
                foreach (var r in ranges)
                {
                    if (r.Length <= 0) throw new YjsDecodeException("An empty delete range cannot be written in the V2 format.");
                    if (r.Clock < end)
                    {
                        DeleteSet.SortAndMerge(ranges);
                        break;
                    }
                    end = r.Clock + r.Length;
                }
            }
        }
        ds.Write(encoder);
    }

    /// <summary>
    /// A client counts while its structs run from clock 0 without a gap: one that starts later is left out,
    /// and a Skip stops the count (later structs of that client in the same group do not add to it).
    /// </summary>
    private static byte[] StateVectorFromUpdate(byte[] update, bool v2)
    {
        var reader = new LazyStructReader(Decoder(update, v2), filterSkips: false);
        var pairs = new List<(ulong Client, long Clock)>();
        var curr = reader.Curr;
        if (curr != null)
        {
            var currClient = curr.Id.Client;
            var stopCounting = curr.Id.Clock != 0;
            var currClock = stopCounting ? 0 : curr.Id.Clock + curr.Length;
            for (; curr != null; curr = reader.Next())
            {
                if (currClient != curr.Id.Client)
                {
                    if (currClock != 0) pairs.Add((currClient, currClock));
                    currClient = curr.Id.Client;
                    currClock = 0;
                    stopCounting = curr.Id.Clock != 0;
                }
                if (curr is Skip) stopCounting = true;
                if (!stopCounting) currClock = curr.Id.Clock + curr.Length;
            }
            if (currClock != 0) pairs.Add((currClient, currClock));
        }
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)pairs.Count);
        foreach (var (client, clock) in pairs)
        {
            writer.WriteVarUint(client);
            writer.WriteVarUint((ulong)clock);
        }
        return writer.ToArray();
    }

    /// <summary>Re-encodes an update struct by struct through the lazy reader and writer, as Yjs's convertUpdateFormat.</summary>
    private static byte[] Convert(byte[] update, bool fromV2, bool toV2)
    {
        var decoder = Decoder(update, fromV2);
        var reader = new LazyStructReader(decoder, filterSkips: false);
        var encoder = Encoder(toV2);
        var writer = new LazyStructWriter(encoder);
        for (var curr = reader.Curr; curr != null; curr = reader.Next()) writer.Write(curr, 0);
        writer.Finish();
        WriteDeleteSetAsRead(decoder, encoder);
        return encoder.ToArray();
    }

    private static (Dictionary<ulong, long> From, Dictionary<ulong, long> To) ParseMeta(byte[] update, bool v2)
    {
        var from = new Dictionary<ulong, long>();
        var to = new Dictionary<ulong, long>();
        var reader = new LazyStructReader(Decoder(update, v2), filterSkips: false);
        var curr = reader.Curr;
        if (curr != null)
        {
            var currClient = curr.Id.Client;
            var currClock = curr.Id.Clock;
            from[currClient] = currClock;
            for (; curr != null; curr = reader.Next())
            {
                if (currClient != curr.Id.Client)
                {
                    to[currClient] = currClock;
                    from[curr.Id.Client] = curr.Id.Clock;
                    currClient = curr.Id.Client;
                }
                currClock = curr.Id.Clock + curr.Length;
            }
            to[currClient] = currClock;
        }
        return (from, to);
    }
}

/// <summary>V1/V2 conversion (Yjs's convertUpdateFormat), e.g. when pending data, kept as V2, joins a V1 encoding.</summary>
internal static class UpdateConversion
{
    /// <summary>Re-encodes a V1 update as V2.</summary>
    public static byte[] ToV2(byte[] v1) => UpdateOps.ConvertUpdateFormatV1ToV2(v1);

    /// <summary>Re-encodes a V2 update as V1.</summary>
    public static byte[] ToV1(byte[] v2) => UpdateOps.ConvertUpdateFormatV2ToV1(v2);
}
