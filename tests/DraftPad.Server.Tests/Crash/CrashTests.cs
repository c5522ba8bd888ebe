using DraftPad.Server.Tests.Support;
using Xunit.Abstractions;

namespace DraftPad.Server.Tests.Crash;

/// <summary>An update whose Send completed survives SIGKILL of the server.</summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_acknowledged_update_survives_kill_9()
    {
        var seed = TestSettings.Seed;
        output.WriteLine($"seed {seed}");
        var data = Directory.CreateTempSubdirectory("draftpad-crash-").FullName;
        try
        {
            var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
            var sent = 0;
            await using (var server = await ServerProcess.StartAsync(data, "--Storage:CompactAfterUpdates=50"))
            {
                var peers = new List<PadPeer>();
                for (var i = 0; i < 3; i++) peers.Add(await PadPeer.JoinAsync(server.BaseUri, TestPads.Current, i == 0 ? HubProtocol.Json : HubProtocol.MessagePack, clientId: (ulong)(500 + i)));
                using var stop = new CancellationTokenSource();
                var typists = peers.Select((peer, index) => Task.Run(async () =>
                {
                    var random = new Random(seed + index);
                    for (var n = 0; !stop.IsCancellationRequested; n++)
                    {
                        var token = $"<{index}:{n}>";
                        // At the end of the text, so concurrent tokens never land inside each other.
                        var send = peer.EditAndSend(d => d.GetText("content").Insert(d.GetText("content").Length, token));
                        Interlocked.Increment(ref sent);
                        _ = send.ContinueWith(t => { if (t.IsCompletedSuccessfully) acknowledged.Add(token); }, TaskScheduler.Default);
                        await Task.Delay(random.Next(0, 4));
                    }
                })).ToList();
                await Task.Delay(1500);
                await server.KillAsync(); // while they type
                stop.Cancel();
                await Task.WhenAll(typists);
                foreach (var peer in peers) await peer.DisposeAsync();
            }
            output.WriteLine($"{sent} edits sent, {acknowledged.Count} acknowledged before the kill");
            Assert.True(acknowledged.Count > 20, "too few acknowledged edits for a meaningful test");

            await using var restarted = await ServerProcess.StartAsync(data);
            var markdown = await restarted.Http().GetStringAsync($"api/pads/{TestPads.Current}/markdown");
            var lost = acknowledged.Where(token => !markdown.Contains(token, StringComparison.Ordinal)).ToList();
            Assert.True(lost.Count == 0, $"seed {seed}: {lost.Count} acknowledged edits lost, e.g. {string.Join(" ", lost.Take(5))}");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("KEEP_CRASH") == null) Directory.Delete(data, recursive: true); else output.WriteLine("data " + data);
        }
    }
}
