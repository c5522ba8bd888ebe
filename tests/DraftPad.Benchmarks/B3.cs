using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace DraftPad.Benchmarks;

/// <summary>
/// B3 of crdt-benchmarks (1540 clients, one change each), mirroring runB3 of bench-yjs.mjs:
/// docs[i] = client + i, loaded doc = client + 1540.
/// </summary>
internal static class B3
{
    public static RunResult Run(BenchInput input, ulong client)
    {
        var updates = new List<byte[]>();
        var mux = new Mux();
        var docs = new List<BenchDoc>(input.Clients);
        for (var i = 0; i < input.Clients; i++) docs.Add(new BenchDoc(u => mux.Run(() => updates.Add(u)), client + (ulong)i));
        for (var i = 0; i < docs.Count; i++) docs[i].Apply(input.Ops[i]);
        Deep.Check(updates.Count >= input.Clients, "one update per client");
        mux.Run(() => docs[0].Transact(() => { foreach (var u in updates) docs[0].ApplyUpdate(u); }));

        var sw = Stopwatch.StartNew();
        mux.Run(() => docs[1].Transact(() => { foreach (var u in updates) docs[1].ApplyUpdate(u); }));
        CheckDocs(input, docs[0], docs[1]);
        var time = sw.Elapsed.TotalMilliseconds;
        var updateSize = updates.Sum(u => (double)u.Length);

        var result = new RunResult
        {
            ["time"] = time,
            ["updateSize"] = updateSize,
            ["updateCount"] = updates.Count,
        };
        return EncodeAndLoad.Measure(result, docs[0], client + (ulong)input.Clients, loaded => CheckDocs(input, loaded, docs[0]), docs);
    }

    /// <summary>As upstream checkDocs([a, b]): content(a) compared with content(a) and content(b).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckDocs(BenchInput input, BenchDoc a, BenchDoc b)
    {
        var c = a.Content(input.Kind);
        foreach (var d in new[] { a, b }) Deep.Check(Deep.Equal(c, d.Content(input.Kind)), "docs equal");
    }
}
