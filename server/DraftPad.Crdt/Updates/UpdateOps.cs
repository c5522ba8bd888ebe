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

    public static byte[] MergeUpdatesV2(IReadOnlyList<byte[]> updates) => Merge(updates, v2: true);

    public static byte[] MergeUpdates(IReadOnlyList<byte[]> updates) => Merge(updates, v2: false);

    private static byte[] Merge(IReadOnlyList<byte[]> updates, bool v2)
    {
        if (updates.Count == 1) return updates[0];
        var decoders = updates.Select(u => Decoder(u, v2)).ToList();
        var readers = decoders.Select(d => new LazyStructReader(d, filterSkips: true)).ToList();
        var encoder = Encoder(v2);
        var writer = new LazyStructWriter(encoder);
        AbstractStruct? currWrite = null;
        var currOffset = 0;

        while (true)
        {
            readers.RemoveAll(r => r.Curr == null);
            if (readers.Count == 0) break;
            StableSort(readers);
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
        merged.Write(encoder);
        return encoder.ToArray();
    }

    /// <summary>Client descending, then clock ascending, Skips after other structs at the same clock; stable like JS sort.</summary>
    private static void StableSort(List<LazyStructReader> readers)
    {
        for (var i = 1; i < readers.Count; i++)
        {
            var x = readers[i];
            var j = i - 1;
            while (j >= 0 && Compare(readers[j].Curr!, x.Curr!) > 0)
            {
                readers[j + 1] = readers[j];
                j--;
            }
            readers[j + 1] = x;
        }
    }

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

    public static byte[] DiffUpdateV2(byte[] update, byte[] stateVector) => Diff(update, stateVector, v2: true);

    public static byte[] DiffUpdate(byte[] update, byte[] stateVector) => Diff(update, stateVector, v2: false);

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

    private static void WriteDeleteSetAsRead(IUpdateDecoder decoder, IUpdateEncoder encoder)
    {
        var ds = DeleteSet.Read(decoder);
        ds.NormalizeIfDisordered();
        ds.Write(encoder);
    }

    public static byte[] EncodeStateVectorFromUpdate(byte[] update, bool v2)
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

    /// <summary>Re-encodes an update in the other format, struct by struct, as Yjs does.</summary>
    public static byte[] Convert(byte[] update, bool fromV2, bool toV2)
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

    /// <summary>The clock range each client covers in the update (Yjs's parseUpdateMeta).</summary>
    public static (Dictionary<ulong, long> From, Dictionary<ulong, long> To) ParseUpdateMeta(byte[] update, bool v2)
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

/// <summary>V1/V2 conversion used when pending data (kept as V2) joins a V1 encoding.</summary>
internal static class UpdateConversion
{
    public static byte[] ToV2(byte[] v1) => UpdateOps.Convert(v1, fromV2: false, toV2: true);

    public static byte[] ToV1(byte[] v2) => UpdateOps.Convert(v2, fromV2: true, toV2: false);
}
