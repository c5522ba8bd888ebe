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

        sw.Restart();
        var state = docs[0].GetEncodedState();
        var encodeTime = sw.Elapsed.TotalMilliseconds;
        var stateV1 = docs[0].Doc.EncodeStateAsUpdate();

        sw.Restart();
        var h0 = GC.GetTotalMemory(true);
        var loaded = BenchDoc.Load(state, client + (ulong)input.Clients);
        CheckDocs(input, loaded, docs[0]);
        var h1 = GC.GetTotalMemory(true);
        var parseTime = sw.Elapsed.TotalMilliseconds;
        GC.KeepAlive(loaded);
        GC.KeepAlive(docs);

        return new RunResult
        {
            ["time"] = time,
            ["updateSize"] = updateSize,
            ["updateCount"] = updates.Count,
            ["encodeTime"] = encodeTime,
            ["docSize"] = state.Length,
            ["parseTime"] = parseTime,
            ["memUsed"] = h1 - h0,
            ["docSizeV1"] = stateV1.Length,
        }.WithState(stateV1, state);
    }

    /// <summary>As upstream checkDocs([a, b]): content(a) compared with content(a) and content(b).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckDocs(BenchInput input, BenchDoc a, BenchDoc b)
    {
        var c = a.Content(input.Kind);
        foreach (var d in new[] { a, b }) Deep.Check(Deep.Equal(c, d.Content(input.Kind)), "docs equal");
    }
}
