using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace DraftPad.Benchmarks;

/// <summary>
/// B1 of crdt-benchmarks (one writer, one reader), mirroring runB1 of bench-yjs.mjs step for step:
/// doc1 = client, reader doc2 = client + 1, loaded doc = client + 2.
/// </summary>
internal static class B1
{
    public static RunResult Run(BenchInput input, ulong client)
    {
        var doc2 = new BenchDoc(static _ => { }, client + 1);
        var updates = new List<byte[]>();
        var doc1 = new BenchDoc(updates.Add, client);
        var sw = Stopwatch.StartNew();
        foreach (var op in input.Ops) doc1.Apply(op);
        foreach (var u in updates) doc2.ApplyUpdate(u);
        CheckDocs(input, doc1, doc2);
        var time = sw.Elapsed.TotalMilliseconds;
        var updateBytes = updates.Sum(u => (double)u.Length);

        sw.Restart();
        var state = doc1.GetEncodedState();
        var encodeTime = sw.Elapsed.TotalMilliseconds;
        var stateV1 = doc1.Doc.EncodeStateAsUpdate();

        sw.Restart();
        var h0 = GC.GetTotalMemory(true);
        var loaded = BenchDoc.Load(state, client + 2);
        CheckDocs(input, doc2, loaded);
        var h1 = GC.GetTotalMemory(true);
        var parseTime = sw.Elapsed.TotalMilliseconds;
        GC.KeepAlive(loaded);
        GC.KeepAlive(doc1);
        GC.KeepAlive(doc2);

        return new RunResult
        {
            ["time"] = time,
            ["avgUpdateSize"] = Math.Round(updateBytes / input.InputLength, MidpointRounding.AwayFromZero),
            ["updateCount"] = updates.Count,
            ["updateBytes"] = updateBytes,
            ["encodeTime"] = encodeTime,
            ["docSize"] = state.Length,
            ["parseTime"] = parseTime,
            ["memUsed"] = h1 - h0,
            ["docSizeV1"] = stateV1.Length,
        }.WithState(stateV1, state);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckDocs(BenchInput input, BenchDoc d1, BenchDoc d2)
    {
        Deep.Check(Deep.Equal(d1.Content(input.Kind), d2.Content(input.Kind)), "doc1 == doc2");
        Deep.Check(Deep.Equal(d1.Content(input.Kind), input.Expected), "content == expected");
    }
}
