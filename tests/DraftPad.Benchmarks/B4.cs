using System.Diagnostics;
using System.Runtime.CompilerServices;
using DraftPad.Crdt;
using DraftPad.Testing;

namespace DraftPad.Benchmarks;

/// <summary>
/// B4 of crdt-benchmarks: the automerge-paper editing trace (259,778 single-character edits), one
/// transaction per edit, measured for DraftPad.Crdt the way bench-yjs.mjs measures yjs (b4-local,
/// b4-remote; metric names are bench-yjs's). The editing doc (and doc A) = client, doc B and the
/// loaded docs = client + 1. No update handler on the editing doc.
/// </summary>
internal static class B4
{
    private const int HeapSamples = 5;

    public static RunResult Local(SequentialTrace trace, ulong client)
    {
        var results = new RunResult();
        var (v1, v2) = ReplayLocal(trace, client, results);
        foreach (var (label, state, isV2) in new[] { ("V1", v1, false), ("V2", v2, true) })
        {
            results[$"parse{label}Ms"] = Load(state, isV2, client + 1, trace.EndContent, out var first);
            results[$"heapBytes{label}First"] = first;
            var warm = new List<double>();
            var heap = new List<double>();
            for (var i = 0; i < HeapSamples; i++)
            {
                warm.Add(Load(state, isV2, client + 1, trace.EndContent, out var bytes));
                heap.Add(bytes);
            }
            results[$"parse{label}MsWarm"] = Median(warm);
            results[$"heapBytes{label}"] = Median(heap);
        }
        return results.WithState(v1, v2);
    }

    /// <summary>The replay phase of b4-local, in its own frame so nothing of the doc stays reachable.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (byte[] V1, byte[] V2) ReplayLocal(SequentialTrace trace, ulong client, RunResult results)
    {
        var h0 = SettledHeap();
        var doc = new YDoc(new YDocOptions { ClientId = client });
        var text = doc.GetText("text");
        var sw = Stopwatch.StartNew();
        Replay(doc, text, trace);
        var ok = text.ToString() == trace.EndContent;
        results["timeMs"] = sw.Elapsed.TotalMilliseconds;
        if (!ok) throw new InvalidOperationException("B4: final text differs from the trace's endContent.");
        results["heapBytesReplayDoc"] = SettledHeap() - h0;

        sw.Restart();
        var v1 = doc.EncodeStateAsUpdate();
        results["encodeV1Ms"] = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var v2 = doc.EncodeStateAsUpdateV2();
        results["encodeV2Ms"] = sw.Elapsed.TotalMilliseconds;
        results["v1Size"] = v1.Length;
        results["v2Size"] = v2.Length;
        results["svSize"] = doc.EncodeStateVector().Length;
        results["textLength"] = text.Length;
        return (v1, v2);
    }

    public static RunResult Remote(SequentialTrace trace, ulong client)
    {
        var results = new RunResult();
        var updates = ReplayA(trace, client, results);
        results["updateCount"] = updates.Count;
        results["updateBytes"] = updates.Sum(u => (double)u.Length);
        results["avgUpdateBytes"] = Math.Round(results["updateBytes"] / updates.Count, 1);

        var h0 = SettledHeap();
        var b = new YDoc(new YDocOptions { ClientId = client + 1 });
        var textB = b.GetText("text");
        var sw = Stopwatch.StartNew();
        foreach (var u in updates) b.ApplyUpdate(u);
        var ok = textB.ToString() == trace.EndContent;
        var timeMs = sw.Elapsed.TotalMilliseconds;
        if (!ok) throw new InvalidOperationException("B4 remote: final text differs.");
        results["timeMs"] = timeMs;
        results["usPerUpdate"] = timeMs * 1000 / updates.Count;
        results["heapBytesDocB"] = SettledHeap() - h0;
        var v1 = b.EncodeStateAsUpdate();
        results["docBV1Size"] = v1.Length;
        GC.KeepAlive(updates);
        return results.WithState(v1, null);
    }

    /// <summary>Doc A replays the trace collecting every V1 update (timeAMs includes the final check, as bench-yjs).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<byte[]> ReplayA(SequentialTrace trace, ulong client, RunResult results)
    {
        var a = new YDoc(new YDocOptions { ClientId = client });
        var text = a.GetText("text");
        var updates = new List<byte[]>(trace.Transactions.Count);
        a.UpdateV1 += (_, e) => updates.Add(e.Update);
        var sw = Stopwatch.StartNew();
        Replay(a, text, trace);
        var ok = text.ToString() == trace.EndContent;
        results["timeAMs"] = sw.Elapsed.TotalMilliseconds;
        if (!ok) throw new InvalidOperationException("B4 remote: doc A's final text differs.");
        return updates;
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

    /// <summary>Load a state into a fresh doc + content check (timed); heapBytes = retained bytes, GCs outside the timing.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Load(byte[] state, bool v2, ulong client, string expected, out double heapBytes)
    {
        var before = SettledHeap();
        var sw = Stopwatch.StartNew();
        var doc = new YDoc(new YDocOptions { ClientId = client });
        if (v2) doc.ApplyUpdateV2(state); else doc.ApplyUpdate(state);
        var s = doc.GetText("text").ToString();
        var ms = sw.Elapsed.TotalMilliseconds;
        if (s != expected) throw new InvalidOperationException("B4: loaded text differs.");
        s = null;
        heapBytes = SettledHeap() - before;
        GC.KeepAlive(doc);
        return ms;
    }

    /// <summary>Managed heap after full blocking collections (the counterpart of bench-yjs's settledHeap).</summary>
    private static double SettledHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
