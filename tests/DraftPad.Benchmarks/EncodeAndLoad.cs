using System.Diagnostics;

namespace DraftPad.Benchmarks;

/// <summary>
/// The measured tail B1–B3 share (as upstream): encode a document's state (V2, timed), then load it
/// into a fresh document and check it (timed, with the heap difference around the load).
/// </summary>
internal static class EncodeAndLoad
{
    /// <summary>Adds encodeTime, docSize, parseTime, memUsed and docSizeV1 to <paramref name="result"/>, and the states.</summary>
    public static RunResult Measure(RunResult result, BenchDoc source, ulong loadClient, Action<BenchDoc> checkLoaded, params object[] keepAlive)
    {
        var sw = Stopwatch.StartNew();
        var state = source.GetEncodedState();
        result["encodeTime"] = sw.Elapsed.TotalMilliseconds;
        result["docSize"] = state.Length;
        var stateV1 = source.Doc.EncodeStateAsUpdate();

        sw.Restart();
        var h0 = GC.GetTotalMemory(true);
        var loaded = BenchDoc.Load(state, loadClient);
        checkLoaded(loaded);
        var h1 = GC.GetTotalMemory(true);
        result["parseTime"] = sw.Elapsed.TotalMilliseconds;
        GC.KeepAlive(loaded);
        GC.KeepAlive(keepAlive);

        result["memUsed"] = h1 - h0;
        result["docSizeV1"] = stateV1.Length;
        return result.WithState(stateV1, state);
    }
}
