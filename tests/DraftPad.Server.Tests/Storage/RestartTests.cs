using DraftPad.Server.Tests.Support;
using Xunit.Abstractions;

namespace DraftPad.Server.Tests.Storage;

/// <summary>A restarted server restores every pad byte-identically, with and without compaction in between.</summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1000)] // log only
    [InlineData(7)]    // compacted several times while editing
    public async Task Restart_restores_byte_identical_state(int compactAfterUpdates)
    {
        var seed = TestSettings.Seed;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var settings = new Dictionary<string, string> { ["Storage:CompactAfterUpdates"] = compactAfterUpdates.ToString() };
        byte[] stateBefore;
        string markdownBefore;
        string directory;
        await using (var host = await ServerHost.StartAsync(settings))
        {
            host.KeepData = true;
            directory = host.DataDirectory;
            await using var a = await PadPeer.JoinAsync(host, TestPads.Current);
            await using var b = await PadPeer.JoinAsync(host, TestPads.Current, HubProtocol.Json);
            for (var i = 0; i < 60; i++)
            {
                var peer = i % 2 == 0 ? a : b;
                peer.Edit(d =>
                {
                    var text = d.GetText("content");
                    if (random.Next(3) == 0 && text.Length > 10) text.Delete(random.Next(text.Length - 5), 3);
                    else text.Insert(random.Next(text.Length + 1), "w" + i);
                });
            }
            await Task.WhenAll(a.AcknowledgedAsync(), b.AcknowledgedAsync());
            Assert.Empty(a.Errors.Concat(b.Errors));
            stateBefore = await host.Http().GetByteArrayAsync($"api/pads/{TestPads.Current}/state");
            markdownBefore = await host.Http().GetStringAsync($"api/pads/{TestPads.Current}/markdown");
        }
        await using (var restarted = await ServerHost.StartAsync(settings, directory))
        {
            Assert.Equal(stateBefore, await restarted.Http().GetByteArrayAsync($"api/pads/{TestPads.Current}/state"));
            Assert.Equal(markdownBefore, await restarted.Http().GetStringAsync($"api/pads/{TestPads.Current}/markdown"));
        }
    }
}
