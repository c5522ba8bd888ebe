namespace DraftPad.Crdt.Model;

/// <summary>
/// What happens when a transaction ends, in Yjs's order: observers, remote-formatting cleanup,
/// garbage collection, merging of structs, client-id collision check, update events. Transactions
/// started by observers are queued and cleaned up after the current one.
/// </summary>
internal static class TransactionCleanup
{
    public static void Run(YDoc doc, List<Transaction> cleanups)
    {
        for (var i = 0; i < cleanups.Count; i++)
        {
            try
            {
                CleanupOne(doc, cleanups[i]);
            }
            catch
            {
                cleanups.Clear();
                throw;
            }
        }
        cleanups.Clear();
    }

    private static void CleanupOne(YDoc doc, Transaction transaction)
    {
        var store = doc.Store;
        var ds = transaction.DeleteSet;
        try
        {
            ds.SortAndMerge();
            CallObservers(transaction);
            doc.RaiseAfterTransaction(transaction);
            if (transaction.NeedFormattingCleanup) TextFormatting.CleanupAfterRemoteTransaction(transaction);
        }
        finally
        {
            if (doc.Gc) TryGcDeleteSet(ds, store);
            TryMergeDeleteSet(ds, store);
            MergeNewStructs(transaction, store);
            MergeSplitStructs(transaction, store);
            if (!transaction.Local && transaction.BeforeStates.TryGetValue(doc.ClientId, out var before)
                && store.GetState(doc.ClientId) != before)
            {
                // Someone else writes with our client id; continuing with it would corrupt both documents.
                doc.RenewClientId();
            }
            doc.RaiseUpdateEvents(transaction);
        }
    }

    private static void CallObservers(Transaction transaction)
    {
        if (transaction.Changed.Count == 0) return;
        List<(Branch Type, YEvent Event)>? deepEvents = null;
        foreach (var (type, subs) in transaction.Changed)
        {
            if (type.Item != null && type.Item.Deleted) continue;
            if (!transaction.Local) type.Markers?.Clear();
            if (type.Kind is YTypeKind.Text or YTypeKind.XmlText && !transaction.Local && type.HasFormatting)
            {
                transaction.NeedFormattingCleanup = true;
            }
            if (type.Observers == null && !HasDeepObserverAbove(type)) continue;
            var ev = YEvent.Create(type, transaction, subs);
            if (type.Observers != null)
            {
                foreach (var observer in type.Observers.ToArray()) observer(ev);
            }
            for (var t = type; ; t = (Branch)t.Item.Parent!)
            {
                if (t.DeepObservers != null) (deepEvents ??= new()).Add((t, ev));
                if (t.Item == null || t.Item.Parent is not Branch) break;
            }
        }
        if (deepEvents == null) return;
        foreach (var group in deepEvents.GroupBy(e => e.Type, ReferenceEqualityComparer.Instance))
        {
            var type = (Branch)group.Key!;
            if (type.Item != null && type.Item.Deleted) continue;
            var events = group.Select(g => g.Event)
                .Where(e => e.Branch.Item == null || !e.Branch.Item.Deleted)
                .OrderBy(e => e.PathFrom(type).Count)
                .ToList();
            foreach (var observer in type.DeepObservers!.ToArray()) observer(events);
        }
    }

    private static bool HasDeepObserverAbove(Branch type)
    {
        for (var t = type; ; t = (Branch)t.Item.Parent!)
        {
            if (t.DeepObservers != null) return true;
            if (t.Item == null || t.Item.Parent is not Branch) return false;
        }
    }

    private static void TryGcDeleteSet(DeleteSet ds, StructStore store)
    {
        foreach (var (client, ranges) in ds.Clients)
        {
            if (!store.Clients.TryGetValue(client, out var structs)) continue;
            for (var di = ranges.Count - 1; di >= 0; di--)
            {
                var range = ranges[di];
                var end = range.Clock + range.Length;
                for (var si = StructStore.FindIndex(structs, range.Clock); si < structs.Count; si++)
                {
                    var s = structs[si];
                    if (s.Id.Clock >= end) break;
                    if (s is Item { Deleted: true, Keep: false } item) item.Gc(store, parentGcd: false);
                }
            }
        }
    }

    private static void TryMergeDeleteSet(DeleteSet ds, StructStore store)
    {
        foreach (var (client, ranges) in ds.Clients)
        {
            if (!store.Clients.TryGetValue(client, out var structs)) continue;
            for (var di = ranges.Count - 1; di >= 0; di--)
            {
                var range = ranges[di];
                var mostRight = Math.Min(structs.Count - 1, 1 + StructStore.FindIndex(structs, range.Clock + range.Length - 1));
                for (var si = mostRight; si > 0 && structs[si].Id.Clock >= range.Clock;)
                {
                    si -= 1 + StructStore.TryMergeWithLefts(structs, si);
                }
            }
        }
    }

    private static void MergeNewStructs(Transaction transaction, StructStore store)
    {
        foreach (var (client, beforeClock) in transaction.BeforeStates)
        {
            var structs = store.Clients[client];
            var after = structs[^1].Id.Clock + structs[^1].Length;
            if (after == beforeClock) continue;
            var firstChangePos = Math.Max(StructStore.FindIndex(structs, beforeClock), 1);
            for (var i = structs.Count - 1; i >= firstChangePos;)
            {
                i -= 1 + StructStore.TryMergeWithLefts(structs, i);
            }
        }
    }

    private static void MergeSplitStructs(Transaction transaction, StructStore store)
    {
        var mergeStructs = transaction.MergeStructs;
        for (var i = mergeStructs.Count - 1; i >= 0; i--)
        {
            var id = mergeStructs[i].Id;
            var structs = store.Clients[id.Client];
            var replacedPos = StructStore.FindIndex(structs, id.Clock);
            if (replacedPos + 1 < structs.Count && StructStore.TryMergeWithLefts(structs, replacedPos + 1) > 1)
            {
                continue;
            }
            if (replacedPos > 0) StructStore.TryMergeWithLefts(structs, replacedPos);
        }
    }
}
