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

        var result = new RunResult
        {
            ["time"] = time,
            ["updateSize"] = Math.Round(updatesSize / 2, MidpointRounding.AwayFromZero),
            ["textLength"] = doc1.Text.Length,
        };
        return EncodeAndLoad.Measure(result, doc1, client + 2, loaded => CheckDocs(input, loaded, doc2), doc1, doc2);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckDocs(BenchInput input, BenchDoc a, BenchDoc b)
    {
        Deep.Check(a.Text.ToString() == b.Text.ToString(), "doc1 == doc2");
        if (input.ExpectedLength is int n) Deep.Check(a.Text.ToString().Length == n, "length");
    }
}
