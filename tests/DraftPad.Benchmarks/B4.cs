using System.Diagnostics;
using DraftPad.Crdt;
using DraftPad.Testing;

namespace DraftPad.Benchmarks;

/// <summary>
/// B4 of crdt-benchmarks: the automerge-paper editing trace (259,778 single-character edits), one
/// transaction per edit, measured for DraftPad.Crdt the way bench-yjs.mjs measures yjs.
/// </summary>
internal static class B4
{
    public static Dictionary<string, double> Local(SequentialTrace trace, ulong client)
    {
        var results = new Dictionary<string, double>();
        var doc = new YDoc(new YDocOptions { ClientId = client });
        var text = doc.GetText("text");
        var sw = Stopwatch.StartNew();
        Replay(doc, text, trace);
        var ok = text.ToString() == trace.EndContent;
        results["timeMs"] = sw.Elapsed.TotalMilliseconds;
        if (!ok) throw new InvalidOperationException("B4: final text differs from the trace's endContent.");

        sw.Restart();
        var v1 = doc.EncodeStateAsUpdate();
        results["encodeV1Ms"] = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var v2 = doc.EncodeStateAsUpdateV2();
        results["encodeV2Ms"] = sw.Elapsed.TotalMilliseconds;
        results["v1Size"] = v1.Length;
        results["v2Size"] = v2.Length;

        results["parseV1Ms"] = Load(v1, false, client, trace.EndContent, out _);
        results["parseV2Ms"] = Load(v2, true, client, trace.EndContent, out _);
        var warm = new List<double>();
        var heap = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            warm.Add(Load(v1, false, client, trace.EndContent, out var bytes));
            heap.Add(bytes);
        }
        results["parseV1MsWarm"] = Median(warm);
        results["heapBytesV1"] = Median(heap);
        GC.KeepAlive(doc);
        return results;
    }

    public static Dictionary<string, double> Remote(SequentialTrace trace, ulong client)
    {
        var results = new Dictionary<string, double>();
        var a = new YDoc(new YDocOptions { ClientId = client });
        var text = a.GetText("text");
        var updates = new List<byte[]>(trace.Transactions.Count);
        a.UpdateV1 += (_, e) => updates.Add(e.Update);
        var sw = Stopwatch.StartNew();
        Replay(a, text, trace);
        results["timeAMs"] = sw.Elapsed.TotalMilliseconds;
        results["updateCount"] = updates.Count;
        results["updateBytes"] = updates.Sum(u => (double)u.Length);

        var b = new YDoc(new YDocOptions { ClientId = client + 1 });
        var textB = b.GetText("text");
        sw.Restart();
        foreach (var u in updates) b.ApplyUpdate(u);
        var ok = textB.ToString() == trace.EndContent;
        results["timeBMs"] = sw.Elapsed.TotalMilliseconds;
        if (!ok) throw new InvalidOperationException("B4 remote: final text differs.");
        results["v1SizeB"] = b.EncodeStateAsUpdate().Length;
        return results;
    }

    private static void Replay(YDoc doc, YText text, SequentialTrace trace)
    {
        foreach (var txn in trace.Transactions)
        {
            doc.Transact(_ =>
            {
                foreach (var p in txn)
                {
                    if (p.Delete > 0) text.Delete(p.Position, p.Delete);
                    if (p.Insert.Length > 0) text.Insert(p.Position, p.Insert);
                }
            });
        }
    }

    private static double Load(byte[] state, bool v2, ulong client, string expected, out double heapBytes)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var sw = Stopwatch.StartNew();
        var doc = new YDoc(new YDocOptions { ClientId = client + 1 });
        if (v2) doc.ApplyUpdateV2(state); else doc.ApplyUpdate(state);
        var s = doc.GetText("text").ToString();
        var ms = sw.Elapsed.TotalMilliseconds;
        if (s != expected) throw new InvalidOperationException("B4: loaded text differs.");
        s = null;
        heapBytes = GC.GetTotalMemory(true) - before;
        GC.KeepAlive(doc);
        return ms;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
