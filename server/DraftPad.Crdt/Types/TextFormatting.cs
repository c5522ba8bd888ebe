namespace DraftPad.Crdt;

/// <summary>
/// Removal of redundant formatting markers, as Yjs does after deletions and after remote changes
/// to formatted text. The remote cleanup runs in a new local transaction and its deletions travel
/// as an ordinary update, exactly like a stock Yjs client's.
/// </summary>
internal static class TextFormatting
{
    public static void UpdateCurrentAttributes(OrderedMap current, ContentFormat format)
    {
        if (format.Value is null) current.Remove(format.Key);
        else current.Set(format.Key, format.Value);
    }


    /// <summary>Deletes format markers between <paramref name="start"/> and the next content that are overwritten or redundant.</summary>
    public static int CleanupFormattingGap(Transaction transaction, Item? start, Item? curr, OrderedMap startAttributes, OrderedMap currAttributes)
    {
        var end = start;
        var endFormats = new Dictionary<string, ContentFormat>();
        while (end != null && (!end.Countable || end.Deleted))
        {
            if (!end.Deleted && end.Content is ContentFormat cf) endFormats[cf.Key] = cf;
            end = end.Right;
        }
        var cleanups = 0;
        var reachedCurr = false;
        while (start != end && start != null)
        {
            if (curr == start) reachedCurr = true;
            if (!start.Deleted && start.Content is ContentFormat format)
            {
                var key = format.Key;
                var value = format.Value;
                var startAttrValue = startAttributes.GetOrNull(key);
                if (!(endFormats.TryGetValue(key, out var endFormat) && ReferenceEquals(endFormat, format))
                    || AnyEncoding.StrictEquals(startAttrValue, value))
                {
                    start.Delete(transaction);
                    cleanups++;
                    if (!reachedCurr && AnyEncoding.StrictEquals(currAttributes.GetOrNull(key), value)
                        && !AnyEncoding.StrictEquals(startAttrValue, value))
                    {
                        if (startAttrValue is null) currAttributes.Remove(key);
                        else currAttributes.Set(key, startAttrValue);
                    }
                }
                if (!reachedCurr && !start.Deleted) UpdateCurrentAttributes(currAttributes, format);
            }
            start = start.Right;
        }
        return cleanups;
    }

    private static void CleanupContextlessFormattingGap(Transaction transaction, Item? item)
    {
        while (item?.Right != null && (item.Right.Deleted || !item.Right.Countable)) item = item.Right;
        var attrs = new HashSet<string>();
        while (item != null && (item.Deleted || !item.Countable))
        {
            if (!item.Deleted && item.Content is ContentFormat f)
            {
                if (!attrs.Add(f.Key)) item.Delete(transaction);
            }
            item = item.Left;
        }
    }

    /// <summary>Walks the whole text and removes every redundant marker (Yjs's cleanupYTextFormatting).</summary>
    public static int CleanupWholeText(Branch type)
    {
        var res = 0;
        type.Doc!.Transact(transaction =>
        {
            var start = type.Start;
            var end = type.Start;
            var startAttributes = new OrderedMap();
            var currentAttributes = startAttributes.Copy();
            while (end != null)
            {
                if (!end.Deleted)
                {
                    if (end.Content is ContentFormat f)
                    {
                        UpdateCurrentAttributes(currentAttributes, f);
                    }
                    else
                    {
                        res += CleanupFormattingGap(transaction, start, end, startAttributes, currentAttributes);
                        startAttributes = currentAttributes.Copy();
                        start = end;
                    }
                }
                end = end.Right;
            }
        });
        return res;
    }

    public static void CleanupAfterRemoteTransaction(Transaction transaction)
    {
        var needFullCleanup = new List<Branch>();
        var doc = transaction.Doc;
        var store = doc.Store;
        foreach (var (client, beforeClock) in transaction.BeforeStates.ToList())
        {
            var afterClock = store.GetState(client);
            if (afterClock == beforeClock) continue;
            IterateStructs(transaction, store.Clients[client], beforeClock, afterClock - beforeClock, s =>
            {
                if (s is Item { Deleted: false, Content: ContentFormat, Parent: Branch p } && !needFullCleanup.Contains(p))
                {
                    needFullCleanup.Add(p);
                }
            });
        }
        doc.Transact(t =>
        {
            IterateDeletedStructs(transaction, transaction.DeleteSet, s =>
            {
                if (s is not Item item || item.Parent is not Branch parent || !parent.HasFormatting || needFullCleanup.Contains(parent))
                {
                    return;
                }
                if (item.Content is ContentFormat) needFullCleanup.Add(parent);
                else CleanupContextlessFormattingGap(t, item);
            });
            foreach (var text in needFullCleanup) CleanupWholeText(text);
        });
    }

    /// <summary>Calls <paramref name="f"/> for each struct in the clock range, splitting at both ends.</summary>
    internal static void IterateStructs(Transaction transaction, List<AbstractStruct> structs, long clockStart, long len, Action<AbstractStruct> f)
    {
        if (len == 0) return;
        var clockEnd = clockStart + len;
        var store = transaction.Doc.Store;
        var index = store.FindIndexCleanStart(transaction, structs, clockStart);
        AbstractStruct s;
        do
        {
            s = structs[index++];
            if (clockEnd < s.Id.Clock + s.Length) store.FindIndexCleanStart(transaction, structs, clockEnd);
            f(s);
        } while (index < structs.Count && structs[index].Id.Clock < clockEnd);
    }

    internal static void IterateDeletedStructs(Transaction transaction, DeleteSet ds, Action<AbstractStruct> f)
    {
        var store = transaction.Doc.Store;
        foreach (var (client, ranges) in ds.Clients)
        {
            if (!store.Clients.TryGetValue(client, out var structs)) continue;
            var last = structs[^1];
            var clockState = last.Id.Clock + last.Length;
            foreach (var range in ranges)
            {
                if (range.Clock >= clockState) break;
                IterateStructs(transaction, structs, range.Clock, range.Length, f);
            }
        }
    }
}
