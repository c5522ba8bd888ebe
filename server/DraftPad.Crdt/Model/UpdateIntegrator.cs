namespace DraftPad.Crdt.Model;

/// <summary>
/// Applies an update to a document (Yjs's readUpdateV2 / integrateStructs / readAndApplyDeleteSet).
/// The whole update is decoded before anything is integrated, so malformed input throws
/// <see cref="YjsDecodeException"/> and leaves the document untouched. Structs and deletions
/// that depend on unknown clocks are kept pending and retried when the gap is filled.
/// </summary>
internal static class UpdateIntegrator
{
    public static void Apply(YDoc doc, byte[] update, bool v2, object? origin)
    {
        var (refs, ds) = Decode(update, v2);
        Validate(refs);
        doc.Transact(tr => Integrate(tr, refs, ds), origin, local: false);
    }

    /// <summary>Decodes an update's structs and delete set; anything malformed becomes <see cref="YjsDecodeException"/>.</summary>
    public static (Dictionary<ulong, List<AbstractStruct>> Refs, DeleteSet DeleteSet) Decode(byte[] update, bool v2)
    {
        var reader = new Lib0Reader(update);
        IUpdateDecoder decoder = v2 ? new UpdateDecoderV2(reader) : new UpdateDecoderV1(reader);
        try
        {
            return (StructReader.ReadClientsStructRefs(decoder), DeleteSet.Read(decoder));
        }
        catch (YjsDecodeException)
        {
            throw;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or OverflowException or InvalidOperationException or FormatException)
        {
            throw new YjsDecodeException("Malformed update: " + e.Message, e);
        }
    }

    /// <summary>Rejects semantically impossible updates (ones Yjs would choke on) before integration starts.</summary>
    private static void Validate(Dictionary<ulong, List<AbstractStruct>> refs)
    {
        foreach (var (client, list) in refs)
        {
            foreach (var s in list)
            {
                if (s is Item item)
                {
                    // An item cannot depend on its own future: origins of its own client must precede it.
                    if (item.Origin is { } o && o.Client == client && o.Clock >= item.Id.Clock)
                        throw new YjsDecodeException($"Item {item.Id} has origin {o} that is not before it.");
                    // The right neighbour existed when the item was created, so an own-client right origin is
                    // older too (an own-client clock at or after the item is never known when it integrates).
                    if (item.RightOrigin is { } ro && ro.Client == client && ro.Clock >= item.Id.Clock)
                        throw new YjsDecodeException($"Item {item.Id} has right origin {ro} that is not before it.");
                    // Left and right neighbours are different items: origin (last id of the left) never
                    // equals rightOrigin (first id of the right). Equal ones split the item they name while
                    // integrating and give a state that re-loads to a different order.
                    if (item.Origin is { } lo && item.RightOrigin is { } rro && lo == rro)
                        throw new YjsDecodeException($"Item {item.Id} has origin and right origin {lo}.");
                    if (item.Parent is ID p && p.Client == client && p.Clock >= item.Id.Clock)
                        throw new YjsDecodeException($"Item {item.Id} has parent {p} that is not before it.");
                    // Format values and embeds are JSON in V1 updates; a V2 update can smuggle in a BigInt
                    // (its JSON fields are lib0 any), after which the document could never be encoded as V1.
                    if ((item.Content is ContentFormat f && ContainsBigInt(f.Value)) || (item.Content is ContentEmbed e && ContainsBigInt(e.Embed)))
                        throw new YjsDecodeException($"Item {item.Id} has JSON content holding a BigInt, which JSON cannot represent.");
                }
            }
        }
    }

    private static bool ContainsBigInt(object? value) => value switch
    {
        System.Numerics.BigInteger => true,
        Dictionary<string, object?> obj => obj.Values.Any(ContainsBigInt),
        List<object?> list => list.Any(ContainsBigInt),
        _ => false,
    };

    private static void Integrate(Transaction transaction, Dictionary<ulong, List<AbstractStruct>> refs, DeleteSet ds)
    {
        transaction.Local = false;
        var doc = transaction.Doc;
        var store = doc.Store;
        var retry = false;
        var restStructs = IntegrateStructs(transaction, store, refs);
        var pending = store.Pending;
        if (pending != null)
        {
            foreach (var (client, clock) in pending.Missing)
            {
                if (clock < store.GetState(client)) { retry = true; break; }
            }
            if (restStructs != null)
            {
                foreach (var (client, clock) in restStructs.Missing)
                {
                    if (!pending.Missing.TryGetValue(client, out var m) || m > clock) pending.Missing[client] = clock;
                }
                pending.Update = UpdateOps.MergeUpdatesV2([pending.Update, restStructs.Update]);
            }
        }
        else
        {
            store.Pending = restStructs;
        }
        if (restStructs is { RetryNow: true }) retry = true;

        var dsRest = ApplyDeleteSet(transaction, store, ds);
        if (store.PendingDs != null)
        {
            var pendingReader = new Lib0Reader(store.PendingDs);
            var pendingDecoder = new UpdateDecoderV2(pendingReader);
            pendingDecoder.RestReader.ReadVarUint(); // no structs in a pending delete set update
            var dsRest2 = ApplyDeleteSet(transaction, store, DeleteSet.Read(pendingDecoder));
            store.PendingDs = dsRest != null && dsRest2 != null ? UpdateOps.MergeUpdatesV2([dsRest, dsRest2]) : dsRest ?? dsRest2;
        }
        else
        {
            store.PendingDs = dsRest;
        }

        if (retry)
        {
            var update = store.Pending!.Update;
            store.Pending = null;
            var reader = new Lib0Reader(update);
            var decoder = new UpdateDecoderV2(reader);
            var retryRefs = StructReader.ReadClientsStructRefs(decoder);
            var retryDs = DeleteSet.Read(decoder);
            // Nested apply joins this transaction, as in Yjs.
            Integrate(transaction, retryRefs, retryDs);
        }
    }

    private sealed class ClientRefs(List<AbstractStruct> refs)
    {
        public List<AbstractStruct> Refs = refs;
        public int I;
    }

    private static PendingStructs? IntegrateStructs(Transaction transaction, StructStore store, Dictionary<ulong, List<AbstractStruct>> input)
    {
        if (input.Count == 0) return null;
        var clientsRefs = new Dictionary<ulong, ClientRefs>(input.Count);
        foreach (var (client, list) in input) clientsRefs[client] = new ClientRefs(list);
        // Highest client first: ties in conflicts are then resolved with fewer moves.
        var ids = clientsRefs.Keys.ToList();
        ids.Sort();

        ClientRefs? GetNextTarget()
        {
            if (ids.Count == 0) return null;
            var next = clientsRefs[ids[^1]];
            while (next.Refs.Count == next.I)
            {
                ids.RemoveAt(ids.Count - 1);
                if (ids.Count > 0) next = clientsRefs[ids[^1]];
                else return null;
            }
            return next;
        }

        var current = GetNextTarget();
        if (current == null) return null;

        var restStructs = new Dictionary<ulong, List<AbstractStruct>>();
        var missingSv = new Dictionary<ulong, long>();
        void UpdateMissingSv(ulong client, long clock)
        {
            if (!missingSv.TryGetValue(client, out var m) || m > clock) missingSv[client] = clock;
        }

        var stack = new List<AbstractStruct>();
        var stackHead = current.Refs[current.I++];
        var state = new Dictionary<ulong, long>();

        void AddStackToRest()
        {
            foreach (var item in stack)
            {
                var client = item.Id.Client;
                if (clientsRefs.TryGetValue(client, out var inapplicable))
                {
                    inapplicable.I--;
                    restStructs[client] = inapplicable.Refs.GetRange(inapplicable.I, inapplicable.Refs.Count - inapplicable.I);
                    clientsRefs.Remove(client);
                    inapplicable.I = 0;
                    inapplicable.Refs = new List<AbstractStruct>();
                }
                else
                {
                    restStructs[client] = new List<AbstractStruct> { item };
                }
                ids.Remove(client);
            }
            stack.Clear();
        }

        while (true)
        {
            if (stackHead is not Skip)
            {
                var client = stackHead.Id.Client;
                if (!state.TryGetValue(client, out var localClock))
                {
                    localClock = store.GetState(client);
                    state[client] = localClock;
                }
                var offset = localClock - stackHead.Id.Clock;
                if (offset < 0)
                {
                    stack.Add(stackHead);
                    UpdateMissingSv(client, stackHead.Id.Clock - 1);
                    AddStackToRest();
                }
                else
                {
                    var missing = stackHead.GetMissing(transaction, store);
                    if (missing is { } missingClient)
                    {
                        stack.Add(stackHead);
                        if (!clientsRefs.TryGetValue(missingClient, out var structRefs) || structRefs.Refs.Count == structRefs.I)
                        {
                            UpdateMissingSv(missingClient, store.GetState(missingClient));
                            AddStackToRest();
                        }
                        else
                        {
                            stackHead = structRefs.Refs[structRefs.I++];
                            continue;
                        }
                    }
                    else if (offset == 0 || offset < stackHead.Length)
                    {
                        stackHead.Integrate(transaction, (int)offset);
                        state[client] = stackHead.Id.Clock + stackHead.Length;
                    }
                }
            }
            if (stack.Count > 0)
            {
                stackHead = stack[^1];
                stack.RemoveAt(stack.Count - 1);
            }
            else if (current != null && current.I < current.Refs.Count)
            {
                stackHead = current.Refs[current.I++];
            }
            else
            {
                current = GetNextTarget();
                if (current == null) break;
                stackHead = current.Refs[current.I++];
            }
        }

        var dropped = SanitizeRest(restStructs, store);
        if (restStructs.Count == 0) return null;
        var encoder = new UpdateEncoderV2();
        WriteRefs(encoder, restStructs);
        encoder.RestWriter.WriteVarUint(0); // empty delete set
        // When known structs were dropped, what they blocked may be integrable now: retry once.
        return new PendingStructs(missingSv, encoder.ToArray()) { RetryNow = dropped };
    }

    /// <summary>
    /// Keeps only what is still waiting, as one gap-free run per client. For any update a Yjs peer can
    /// produce this changes nothing; a forged update with circular dependencies can make the stack logic
    /// re-queue structs that were integrated meanwhile, and writing those would give a pending update
    /// (and so a full state) that no peer can load again.
    /// </summary>
    private static bool SanitizeRest(Dictionary<ulong, List<AbstractStruct>> rest, StructStore store)
    {
        var dropped = false;
        foreach (var client in rest.Keys.ToList())
        {
            var state = store.GetState(client);
            var list = rest[client];
            dropped |= list.RemoveAll(s => s.Id.Clock + s.Length <= state) > 0;
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i].Id.Clock != list[i - 1].Id.Clock + list[i - 1].Length)
                {
                    list.RemoveRange(i, list.Count - i);
                    dropped = true;
                    break;
                }
            }
            if (list.Count == 0) rest.Remove(client);
        }
        return dropped;
    }

    /// <summary>Writes loose struct lists (not in a store) as the struct section of an update.</summary>
    private static void WriteRefs(IUpdateEncoder encoder, Dictionary<ulong, List<AbstractStruct>> refs)
    {
        var rest = encoder.RestWriter;
        rest.WriteVarUint((ulong)refs.Count);
        foreach (var client in DeleteSet.SortedClientsDescending(refs.Keys))
        {
            var structs = refs[client];
            rest.WriteVarUint((ulong)structs.Count);
            encoder.WriteClient(client);
            rest.WriteVarUint((ulong)structs[0].Id.Clock);
            foreach (var s in structs) s.Write(encoder, 0);
        }
    }

    /// <summary>Applies deletions; returns the part that refers to unknown clocks as a V2 update, or null.</summary>
    private static byte[]? ApplyDeleteSet(Transaction transaction, StructStore store, DeleteSet ds)
    {
        DeleteSet? unapplied = null;
        foreach (var (client, ranges) in ds.Clients)
        {
            store.Clients.TryGetValue(client, out var structs);
            var state = store.GetState(client);
            foreach (var range in ranges)
            {
                if (range.Length == 0) continue;
                var clock = range.Clock;
                var clockEnd = clock + range.Length;
                if (clock < state)
                {
                    if (state < clockEnd) (unapplied ??= new DeleteSet()).Add(client, state, clockEnd - state);
                    var index = StructStore.FindIndex(structs!, clock);
                    var s = structs![index];
                    if (!s.Deleted && s.Id.Clock < clock)
                    {
                        structs.Insert(index + 1, StructStore.SplitItem(transaction, (Item)s, (int)(clock - s.Id.Clock)));
                        index++;
                    }
                    while (index < structs.Count)
                    {
                        s = structs[index++];
                        if (s.Id.Clock >= clockEnd) break;
                        if (!s.Deleted)
                        {
                            var item = (Item)s;
                            if (clockEnd < s.Id.Clock + s.Length)
                            {
                                structs.Insert(index, StructStore.SplitItem(transaction, item, (int)(clockEnd - s.Id.Clock)));
                            }
                            item.Delete(transaction);
                        }
                    }
                }
                else
                {
                    (unapplied ??= new DeleteSet()).Add(client, clock, clockEnd - clock);
                }
            }
        }
        if (unapplied == null) return null;
        // Sorted so the V2 delta encoding of clocks stays valid even for out-of-order input ranges.
        unapplied.SortAndMerge();
        var encoder = new UpdateEncoderV2();
        encoder.RestWriter.WriteVarUint(0);
        unapplied.Write(encoder);
        return encoder.ToArray();
    }
}
