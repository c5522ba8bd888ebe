using System.Collections.Concurrent;
using DraftPad.Server.Tests.Hub;
using DraftPad.Server.Tests.Support;
using Xunit.Abstractions;

namespace DraftPad.Server.Tests.Redis;

/// <summary>A node killed with SIGKILL mid-edit: its clients move to the other node and nothing acknowledged is lost.</summary>
public sealed class RedisFailoverTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Redis_clients_of_a_killed_node_move_to_another_and_no_acknowledged_change_is_lost()
    {
        var seed = TestSettings.Seed;
        output.WriteLine($"seed {seed}");
        var pad = TestPads.Current;
        var prefix = RedisFixture.NewPrefix();
        var settings = redis.NodeSettings(prefix, new Dictionary<string, string>
        {
            ["Storage:CompactAfterUpdates"] = "50",
            // The typists are faster than people; a moved client also re-sends in a burst.
            ["Limits:MessagesPerSecond"] = "2000",
            ["Limits:MessageBurst"] = "5000",
        });
        var data = Directory.CreateTempSubdirectory("draftpad-failover-").FullName;
        try
        {
            // Node A is a separate process, so it can really be killed; node B runs here.
            await using var nodeA = await ServerProcess.StartAsync(data, settings.Select(p => $"--{p.Key}={p.Value}").ToArray());
            await using var nodeB = await ServerHost.StartAsync(settings);
            var peers = new List<PadPeer>
            {
                await PadPeer.JoinAsync(nodeA.BaseUri, pad, HubProtocol.Json, clientId: 601),
                await PadPeer.JoinAsync(nodeA.BaseUri, pad, HubProtocol.MessagePack, clientId: 602),
                await PadPeer.JoinAsync(nodeB.BaseUri, pad, HubProtocol.MessagePack, clientId: 603),
            };
            var acknowledged = new ConcurrentBag<string>();
            var typed = new ConcurrentBag<string>();
            var paused = new bool[peers.Count];
            using var stop = new CancellationTokenSource();
            var typists = peers.Select((peer, index) => Task.Run(async () =>
            {
                var random = new Random(seed + index);
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    if (Volatile.Read(ref paused[index]))
                    {
                        await Task.Delay(5);
                        continue;
                    }
                    var token = $"<{index}:{n}>";
                    // At the end of the text, so concurrent tokens never land inside each other.
                    var send = peer.EditAndSend(d => d.GetText("content").Insert(d.GetText("content").Length, token));
                    typed.Add(token);
                    _ = send.ContinueWith(t => { if (t.IsCompletedSuccessfully) acknowledged.Add(token); }, TaskScheduler.Default);
                    await Task.Delay(random.Next(0, 4));
                }
            })).ToList();
            // Mid-edit: once a fair number of edits went through (the machine may be busy with other tests).
            await Task.Delay(1000);
            await HubContractTests.Eventually(() => acknowledged.Count >= 40, 30000);
            await nodeA.KillAsync(); // while everyone types
            var before = acknowledged.Count;
            // Its clients notice and reconnect to node B (a load balancer would send them there).
            for (var i = 0; i < 2; i++)
            {
                Volatile.Write(ref paused[i], true);
                await peers[i].MoveToAsync(nodeB.BaseUri, i == 0 ? HubProtocol.Json : HubProtocol.MessagePack);
                Volatile.Write(ref paused[i], false);
            }
            await Task.Delay(1000);
            stop.Cancel();
            await Task.WhenAll(typists);
            await Task.WhenAll(peers.Select(p => p.AcknowledgedAsync()));
            output.WriteLine($"{typed.Count} edits typed, {before} acknowledged before the kill, {acknowledged.Count} in all");
            Assert.True(before > 20, "too few acknowledged edits before the kill for a meaningful test");

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            string markdown;
            while (true)
            {
                markdown = await nodeB.Http().GetStringAsync($"api/pads/{pad}/markdown");
                if (peers.All(p => p.Text == markdown) || DateTime.UtcNow > deadline) break;
                await Task.Delay(200);
            }
            Assert.All(peers, p => Assert.Equal(markdown, p.Text));
            var lost = acknowledged.Where(t => !markdown.Contains(t, StringComparison.Ordinal)).ToList();
            Assert.True(lost.Count == 0, $"seed {seed}: {lost.Count} acknowledged edits lost, e.g. {string.Join(" ", lost.Take(5))}");
            // The clients kept what node A never acknowledged and sent it to node B: nothing typed is lost either.
            var missing = typed.Where(t => !markdown.Contains(t, StringComparison.Ordinal)).ToList();
            Assert.True(missing.Count == 0, $"seed {seed}: {missing.Count} typed edits missing, e.g. {string.Join(" ", missing.Take(5))}");
            foreach (var peer in peers) await peer.DisposeAsync();
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
