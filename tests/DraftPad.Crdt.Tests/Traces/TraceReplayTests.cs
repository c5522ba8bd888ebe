using DraftPad.Testing;
using Xunit.Abstractions;

namespace DraftPad.Crdt.Tests.Traces;

/// <summary>Real editing histories (shared/datasets/editing-traces) replayed through the CRDT.</summary>
public class TraceReplayTests(ITestOutputHelper output)
{
    public static TheoryData<string> SequentialTraceNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in SequentialTrace.Names()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(SequentialTraceNames))]
    public void SequentialTraceReproducesEndContentLocallyAndRemotely(string name)
    {
        var trace = SequentialTrace.Load(name);
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        var text = doc.GetText("text");
        var updates = new List<byte[]>();
        doc.UpdateV1 += (_, e) => updates.Add(e.Update);
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
        Assert.Equal(trace.EndContent, text.ToString());

        // The remote path: a second document applies every update one by one.
        var remote = new YDoc(new YDocOptions { ClientId = 2 });
        foreach (var u in updates) remote.ApplyUpdate(u);
        Assert.Equal(trace.EndContent, remote.GetText("text").ToString());
        Assert.Equal(doc.EncodeStateAsUpdate(), remote.EncodeStateAsUpdate());
        Assert.Equal(doc.EncodeStateAsUpdateV2(), remote.EncodeStateAsUpdateV2());

        // And the full state loads back to the same document.
        var loaded = new YDoc(new YDocOptions { ClientId = 3 });
        loaded.ApplyUpdateV2(doc.EncodeStateAsUpdateV2());
        Assert.Equal(trace.EndContent, loaded.GetText("text").ToString());
        Assert.Equal(doc.EncodeStateAsUpdate(), loaded.EncodeStateAsUpdate());
        output.WriteLine($"{name}: {trace.PatchCount} patches, {updates.Count} updates, state {doc.EncodeStateAsUpdate().Length} B");
    }

    [Theory]
    [InlineData("friendsforever")]
    [InlineData("clownschool")]
    public void ConcurrentTraceConverges(string name)
    {
        var trace = ConcurrentTrace.Load(name);
        var agents = trace.NumAgents;
        var docs = new YDoc[agents];
        var texts = new YText[agents];
        // seen[a][b] = how many of agent b's transactions replica a has applied.
        var seen = new int[agents, agents];
        var log = new List<byte[]>[agents];
        // For each trace transaction: how many transactions of each agent it causally includes.
        var included = new int[trace.Transactions.Count][];
        for (var a = 0; a < agents; a++)
        {
            docs[a] = new YDoc(new YDocOptions { ClientId = (ulong)a + 1 });
            texts[a] = docs[a].GetText("text");
            log[a] = new List<byte[]>();
        }
        for (var t = 0; t < trace.Transactions.Count; t++)
        {
            var (parents, agent, patches) = trace.Transactions[t];
            var target = new int[agents];
            foreach (var p in parents)
                for (var b = 0; b < agents; b++) target[b] = Math.Max(target[b], included[p][b]);
            var doc = docs[agent];
            for (var b = 0; b < agents; b++)
            {
                Assert.True(seen[agent, b] <= target[b], $"replica {agent} is ahead of txn {t}'s parents");
                for (; seen[agent, b] < target[b]; seen[agent, b]++) doc.ApplyUpdate(log[b][seen[agent, b]]);
            }
            byte[]? produced = null;
            void Capture(object? s, UpdateEventArgs e) => produced = e.Update;
            doc.UpdateV1 += Capture;
            doc.Transact(_ =>
            {
                foreach (var p in patches)
                {
                    if (p.Delete > 0) texts[agent].Delete(p.Position, p.Delete);
                    if (p.Insert.Length > 0) texts[agent].Insert(p.Position, p.Insert);
                }
            });
            doc.UpdateV1 -= Capture;
            log[agent].Add(produced ?? [0, 0]);
            seen[agent, agent]++;
            target[agent]++;
            included[t] = target;
        }
        var final = new YDoc(new YDocOptions { ClientId = 99 });
        for (var b = 0; b < agents; b++) foreach (var u in log[b]) final.ApplyUpdate(u);
        Assert.Equal(trace.EndContent, final.GetText("text").ToString());
        for (var a = 0; a < agents; a++)
        {
            docs[a].ApplyUpdate(final.EncodeStateAsUpdate(docs[a].EncodeStateVector()));
            Assert.Equal(trace.EndContent, texts[a].ToString());
            Assert.Equal(final.EncodeStateAsUpdate(), docs[a].EncodeStateAsUpdate());
        }
    }
}
