using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace DraftPad.Benchmarks;

/// <summary>
/// B2 of crdt-benchmarks (two documents wired synchronously through a mutex), mirroring runB2 of
/// bench-yjs.mjs: doc1 = client, doc2 = client + 1, loaded doc = client + 2.
/// </summary>
internal static class B2
{
    public static RunResult Run(BenchInput input, ulong client)
    {
        double updatesSize = 0;
        var mux = new Mux();
        BenchDoc? doc1 = null;
        BenchDoc? doc2 = null;
        doc1 = new BenchDoc(u => mux.Run(() => { updatesSize += u.Length; doc2!.ApplyUpdate(u); }), client);
        doc2 = new BenchDoc(u => mux.Run(() => { updatesSize += u.Length; doc1.ApplyUpdate(u); }), client + 1);
        doc1.Text.Insert(0, input.InitText);

        var sw = Stopwatch.StartNew();
        doc1.Transact(() => { foreach (var op in input.Doc1) doc1.Apply(op); });
        doc2.Transact(() => { foreach (var op in input.Doc2) doc2.Apply(op); });
        CheckDocs(input, doc1, doc2);
        var time = sw.Elapsed.TotalMilliseconds;

        sw.Restart();
        var state = doc1.GetEncodedState();
        var encodeTime = sw.Elapsed.TotalMilliseconds;
        var stateV1 = doc1.Doc.EncodeStateAsUpdate();

        sw.Restart();
        var h0 = GC.GetTotalMemory(true);
        var loaded = BenchDoc.Load(state, client + 2);
        CheckDocs(input, loaded, doc2);
        var h1 = GC.GetTotalMemory(true);
        var parseTime = sw.Elapsed.TotalMilliseconds;
        GC.KeepAlive(loaded);
        GC.KeepAlive(doc1);
        GC.KeepAlive(doc2);

        return new RunResult
        {
            ["time"] = time,
            ["updateSize"] = Math.Round(updatesSize / 2, MidpointRounding.AwayFromZero),
            ["encodeTime"] = encodeTime,
            ["docSize"] = state.Length,
            ["parseTime"] = parseTime,
            ["memUsed"] = h1 - h0,
            ["docSizeV1"] = stateV1.Length,
            ["textLength"] = doc1.Text.Length,
        }.WithState(stateV1, state);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckDocs(BenchInput input, BenchDoc a, BenchDoc b)
    {
        Deep.Check(a.Text.ToString() == b.Text.ToString(), "doc1 == doc2");
        if (input.ExpectedLength is int n) Deep.Check(a.Text.ToString().Length == n, "length");
    }
}
