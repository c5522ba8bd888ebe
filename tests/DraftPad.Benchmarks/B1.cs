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

        var result = new RunResult
        {
            ["time"] = time,
            ["avgUpdateSize"] = Math.Round(updateBytes / input.InputLength, MidpointRounding.AwayFromZero),
            ["updateCount"] = updates.Count,
            ["updateBytes"] = updateBytes,
        };
        return EncodeAndLoad.Measure(result, doc1, client + 2, loaded => CheckDocs(input, doc2, loaded), doc1, doc2);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckDocs(BenchInput input, BenchDoc d1, BenchDoc d2)
    {
        Deep.Check(Deep.Equal(d1.Content(input.Kind), d2.Content(input.Kind)), "doc1 == doc2");
        Deep.Check(Deep.Equal(d1.Content(input.Kind), input.Expected), "content == expected");
    }
}
