using System.Collections.Concurrent;
using DraftPad.Server.Pads;
using DraftPad.Server.Scaling;
using DraftPad.Server.Storage;
using DraftPad.Server.Tests.Conformance;
using DraftPad.Server.Tests.Hub;
using DraftPad.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace DraftPad.Server.Tests.Redis;

/// <summary>Two nodes on one real Redis: reading each other's updates, the compaction lease, compaction races.</summary>
public sealed class RedisNodeTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    private static readonly string Pad = TestPads.Current;

    [Fact]
    public async Task Redis_an_update_built_on_a_change_the_node_has_not_read_yet_is_accepted_after_it_catches_up()
    {
        var prefix = RedisFixture.NewPrefix();
        await using var nodeA = await ServerHost.StartAsync(redis.NodeSettings(prefix));
        // Node B never hears that A appended: it learns A's changes only when it reads the log itself.
        await using var nodeB = await ServerHost.StartAsync(redis.NodeSettings(prefix), services: s =>
        {
            var replication = s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PadReplicationService));
            s.Remove(replication);
        });
        await using var x = await PadPeer.JoinAsync(nodeA, Pad);
        await using var y = await PadPeer.JoinAsync(nodeB, Pad);
        await x.EditAndSend(d => d.GetText("content").Insert(0, "hello "));
        // y gets it through the SignalR backplane; node B's document does not have it yet.
        await HubContractTests.Eventually(() => y.Text.StartsWith("hello ", StringComparison.Ordinal));
        var managerB = nodeB.Services.GetRequiredService<PadManager>();
        var padB = await managerB.GetRequiredAsync(PadId.TryParse(Pad, out var id) ? id : default);
        Assert.DoesNotContain("hello ", await managerB.ReadMarkdownAsync(padB));

        await y.EditAndSend(d => d.GetText("content").Insert("hello ".Length, "world "));

        Assert.Empty(y.Errors);
        Assert.StartsWith("hello world ", await managerB.ReadMarkdownAsync(padB));
        await HubContractTests.Eventually(() => x.Text.StartsWith("hello world ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redis_the_compaction_lease_admits_one_node_and_stale_or_unleased_snapshots_are_refused()
    {
        var prefix = RedisFixture.NewPrefix();
        var (a, connectionA) = RedisPadStoreConformanceTests.Open(redis, prefix, leaseSeconds: 1);
        var (b, connectionB) = RedisPadStoreConformanceTests.Open(redis, prefix, leaseSeconds: 1);
        await using var _ = connectionA;
        await using var __ = connectionB;
        var pad = new PadId(2026, 11);
        Assert.True(await a.CreateAsync(pad, [0]));
        await a.AppendAsync(pad, [1]);
        await b.AppendAsync(pad, [2]);
        var seen = (await b.ReadAfterAsync(pad, null))!;
        Assert.Equal([1, 2], seen.Updates.Select(u => u.Data[0]));
        Assert.Equal([a.NodeId, b.NodeId], seen.Updates.Select(u => u.Node));
        await a.AppendAsync(pad, [3]);

        // One holder at a time.
        var leaseA = await a.TryAcquireCompactionLeaseAsync(pad);
        Assert.NotNull(leaseA);
        Assert.Null(await b.TryAcquireCompactionLeaseAsync(pad));

        // A snapshot covering [1, 2] (up to the position B had read) replaces exactly those.
        Assert.Equal(CompactionOutcome.Compacted, await a.CompactAsync(pad, [12], seen.Position, leaseA));
        var loaded = (await b.LoadAsync(pad))!;
        Assert.Equal(new byte[] { 12 }, loaded.Snapshot);
        Assert.Equal([3], loaded.Updates.Select(u => u[0]));
        // An older position never replaces a newer snapshot.
        Assert.Equal(CompactionOutcome.Superseded, await a.CompactAsync(pad, [1], seen.Updates[0].Position, leaseA));

        // A reader behind the compaction gets the snapshot (it may have missed what it folded).
        var behind = (await b.ReadAfterAsync(pad, seen.Updates[0].Position))!;
        Assert.Equal(new byte[] { 12 }, behind.Snapshot);
        Assert.Equal([3], behind.Updates.Select(u => u.Data[0]));
        var current = (await b.ReadAfterAsync(pad, behind.Position))!;
        Assert.Null(current.Snapshot);
        Assert.Empty(current.Updates);

        // An expired lease writes nothing once another node holds the lease.
        await Task.Delay(1300);
        var leaseB = await b.TryAcquireCompactionLeaseAsync(pad);
        Assert.NotNull(leaseB);
        Assert.Equal(CompactionOutcome.LeaseLost, await a.CompactAsync(pad, [99], behind.Position, leaseA));
        await leaseA.DisposeAsync(); // releasing a lease it lost leaves B's alone
        Assert.Null(await a.TryAcquireCompactionLeaseAsync(pad));
        Assert.Equal(CompactionOutcome.Compacted, await b.CompactAsync(pad, [123], behind.Position, leaseB!));
        await leaseB!.DisposeAsync();
        loaded = (await a.LoadAsync(pad))!;
        Assert.Equal(new byte[] { 123 }, loaded.Snapshot);
        Assert.Empty(loaded.Updates);
        Assert.NotNull(await a.TryAcquireCompactionLeaseAsync(pad));
    }

    [Fact]
    public async Task Redis_two_nodes_compacting_at_once_never_lose_data()
    {
        var seed = TestSettings.Seed;
        output.WriteLine($"seed {seed}");
        var prefix = RedisFixture.NewPrefix();
        var settings = redis.NodeSettings(prefix, new Dictionary<string, string> { ["Storage:CompactAfterUpdates"] = "4" });
        await using var nodeA = await ServerHost.StartAsync(settings);
        await using var nodeB = await ServerHost.StartAsync(settings);
        var peers = new List<PadPeer>();
        for (var i = 0; i < 4; i++) peers.Add(await PadPeer.JoinAsync(i % 2 == 0 ? nodeA : nodeB, Pad, clientId: (ulong)(4000 + i)));
        var managers = new[] { nodeA, nodeB }.Select(n => n.Services.GetRequiredService<PadManager>()).ToArray();
        PadId.TryParse(Pad, out var id);
        var pads = await Task.WhenAll(managers.Select(m => m.GetRequiredAsync(id)));
        var acknowledged = new ConcurrentBag<string>();
        var outcomes = new ConcurrentBag<CompactionOutcome?>();
        using var stop = new CancellationTokenSource();
        // Both nodes try to compact at the same instant, again and again, while clients of both type.
        var compactors = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var attempts = await Task.WhenAll(managers.Select((m, i) => Task.Run(() => m.CompactSharedAsync(pads[i]))));
                foreach (var outcome in attempts) outcomes.Add(outcome);
            }
        });
        var typists = peers.Select((peer, index) => Task.Run(async () =>
        {
            var random = new Random(seed + index);
            for (var n = 0; n < 50; n++)
            {
                var token = $"<{index}:{n}>";
                await peer.EditAndSend(d => d.GetText("content").Insert(d.GetText("content").Length, token));
                acknowledged.Add(token);
                if (random.Next(3) == 0) await Task.Delay(random.Next(1, 5));
            }
        })).ToList();
        await Task.WhenAll(typists);
        stop.Cancel();
        await compactors;
        output.WriteLine($"compaction attempts: {string.Join(", ", outcomes.GroupBy(o => o?.ToString() ?? "lease busy").Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.Contains(outcomes, o => o == CompactionOutcome.Compacted);
        Assert.Contains(outcomes, o => o is null); // the other node found the lease taken

        foreach (var peer in peers) Assert.Empty(peer.Errors);
        var expected = peers[0].Text;
        await HubContractTests.Eventually(() => peers.All(p => p.Text == expected), 10000);
        // A node that starts now reads only what Redis holds: snapshot plus log.
        await using var nodeC = await ServerHost.StartAsync(settings);
        var markdown = await nodeC.Http().GetStringAsync($"api/pads/{Pad}/markdown");
        var lost = acknowledged.Where(t => !markdown.Contains(t, StringComparison.Ordinal)).ToList();
        Assert.True(lost.Count == 0, $"seed {seed}: {lost.Count} acknowledged edits lost, e.g. {string.Join(" ", lost.Take(5))}");
        Assert.Equal(expected, markdown);
        foreach (var peer in peers) await peer.DisposeAsync();
    }
}
