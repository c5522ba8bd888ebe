using System.Collections.Concurrent;
using DraftPad.Server.Tests.Hub;
using DraftPad.Server.Tests.Support;
using Xunit.Abstractions;

namespace DraftPad.Server.Tests.Redis;

/// <summary>Redis itself killed and restarted mid-edit (append-only, fsync always): the nodes heal and the pad converges.</summary>
public sealed class RedisRestartTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Redis_killed_and_restarted_mid_edit_the_pad_converges_with_every_change()
    {
        var seed = TestSettings.Seed;
        output.WriteLine($"seed {seed}");
        var pad = TestPads.Current;
        var settings = redis.NodeSettings(RedisFixture.NewPrefix(), new Dictionary<string, string>
        {
            ["Storage:Redis:ResyncSeconds"] = "1",
            ["Storage:CompactAfterUpdates"] = "40",
        });
        await using var nodeA = await ServerHost.StartAsync(settings);
        await using var nodeB = await ServerHost.StartAsync(settings);
        var peers = new List<PadPeer>();
        for (var i = 0; i < 4; i++) peers.Add(await PadPeer.JoinAsync(i % 2 == 0 ? nodeA : nodeB, pad, clientId: (ulong)(700 + i)));
        var acknowledged = new ConcurrentBag<string>();
        var typed = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var typists = peers.Select((peer, index) => Task.Run(async () =>
        {
            var random = new Random(seed + index);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var token = $"<{index}:{n}>";
                var send = peer.EditAndSend(d => d.GetText("content").Insert(d.GetText("content").Length, token));
                typed.Add(token);
                _ = send.ContinueWith(t => { if (t.IsCompletedSuccessfully) acknowledged.Add(token); }, TaskScheduler.Default);
                await Task.Delay(random.Next(2, 12));
            }
        })).ToList();
        // Mid-edit: once a fair number of edits went through (the machine may be busy with other tests).
        await Task.Delay(500);
        await HubContractTests.Eventually(() => acknowledged.Count >= 40, 30000);
        await redis.Server.KillAsync();
        var before = acknowledged.Count;
        await Task.Delay(1000);
        await redis.Server.StartProcessAsync(); // same port, same append-only file
        await Task.Delay(1500);
        stop.Cancel();
        await Task.WhenAll(typists);
        await Task.WhenAll(peers.Select(p => p.AcknowledgedAsync()));
        output.WriteLine($"{typed.Count} edits typed, {before} acknowledged before Redis died, {acknowledged.Count} in all; " +
            $"{peers.Sum(p => p.Errors.Count)} sends failed");
        Assert.True(before > 20, "too few acknowledged edits before the restart for a meaningful test");

        // Healing: the nodes re-read the logs and send their clients sync step 1 (and, after the
        // reconnect, the whole state); clients answer with what their failed sends carried.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string a, b;
        while (true)
        {
            a = await nodeA.Http().GetStringAsync($"api/pads/{pad}/markdown");
            b = await nodeB.Http().GetStringAsync($"api/pads/{pad}/markdown");
            var done = a == b && peers.All(p => p.Text == a) && typed.All(t => a.Contains(t, StringComparison.Ordinal));
            if (done || DateTime.UtcNow > deadline) break;
            await Task.Delay(250);
        }
        Assert.Equal(a, b);
        Assert.All(peers, p => Assert.Equal(a, p.Text));
        var lost = acknowledged.Where(t => !a.Contains(t, StringComparison.Ordinal)).ToList();
        Assert.True(lost.Count == 0, $"seed {seed}: {lost.Count} acknowledged edits lost, e.g. {string.Join(" ", lost.Take(5))}");
        var missing = typed.Where(t => !a.Contains(t, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"seed {seed}: {missing.Count} typed edits never reached the pad, e.g. {string.Join(" ", missing.Take(5))}");

        // And Redis kept it: a node started now reads the same.
        await using var nodeC = await ServerHost.StartAsync(settings);
        Assert.Equal(a, await nodeC.Http().GetStringAsync($"api/pads/{pad}/markdown"));
        foreach (var peer in peers) await peer.DisposeAsync();
    }
}
