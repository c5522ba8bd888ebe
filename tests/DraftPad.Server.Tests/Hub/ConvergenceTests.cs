using DraftPad.Server.Tests.Support;
using Xunit.Abstractions;

namespace DraftPad.Server.Tests.Hub;

/// <summary>.NET clients on both hub protocols edit one pad at once and converge with the server.</summary>
public sealed class ConvergenceTests(ITestOutputHelper output)
{
    private static readonly string Pad = TestPads.Current;

    [Fact]
    public async Task Json_and_MessagePack_clients_converge_with_the_server()
    {
        await using var host = await ServerHost.StartAsync();
        await using var json = await PadPeer.JoinAsync(host, Pad, HubProtocol.Json);
        await using var pack = await PadPeer.JoinAsync(host, Pad, HubProtocol.MessagePack);
        var initial = json.Text;
        Assert.Equal(initial, pack.Text);

        json.Edit(d => d.GetText("content").Insert(0, "Hello from JSON. "));
        pack.Edit(d => d.GetText("content").Insert(d.GetText("content").Length, " Grüße aus MessagePack 🎉"));
        await Task.WhenAll(json.AcknowledgedAsync(), pack.AcknowledgedAsync());
        await Task.WhenAll(json.QuietAsync(TimeSpan.FromMilliseconds(300)), pack.QuietAsync(TimeSpan.FromMilliseconds(300)));

        var markdown = await host.Http().GetStringAsync($"api/pads/{Pad}/markdown");
        Assert.Equal(markdown, json.Text);
        Assert.Equal(markdown, pack.Text);
        Assert.StartsWith("Hello from JSON. ", markdown);
        Assert.EndsWith(" Grüße aus MessagePack 🎉", markdown);
        Assert.Empty(json.Errors);
        Assert.Empty(pack.Errors);
    }

    [Fact]
    public async Task Seeded_random_concurrent_editing_converges_everywhere()
    {
        var seed = TestSettings.Seed;
        output.WriteLine($"seed {seed} (replay with DRAFTPAD_SEED={seed})");
        var random = new Random(seed);
        await using var host = await ServerHost.StartAsync();
        var peers = new List<PadPeer>();
        for (var i = 0; i < 4; i++)
        {
            peers.Add(await PadPeer.JoinAsync(host, Pad, i % 2 == 0 ? HubProtocol.Json : HubProtocol.MessagePack, clientId: (ulong)(1000 + i)));
        }
        try
        {
            await RandomTyping.TypeAsync(peers, random, TestSettings.Long ? 400 : 60, pauseOneIn: 8);
            await Task.WhenAll(peers.Select(p => p.AcknowledgedAsync()));
            await Task.WhenAll(peers.Select(p => p.QuietAsync(TimeSpan.FromMilliseconds(400))));

            var markdown = await host.Http().GetStringAsync($"api/pads/{Pad}/markdown");
            var state = await host.Http().GetByteArrayAsync($"api/pads/{Pad}/state");
            var fromState = new DraftPad.Crdt.YDoc();
            fromState.ApplyUpdate(state);
            foreach (var peer in peers)
            {
                Assert.True(markdown == peer.Text, $"seed {seed}: peer {peer.Doc.ClientId} diverged from the server");
                Assert.True(fromState.EncodeStateVector().AsSpan().SequenceEqual(peer.StateVector), $"seed {seed}: state vectors differ");
                Assert.True(peer.Errors.Count == 0, $"seed {seed}: {string.Join("; ", peer.Errors)}");
            }
            Assert.Equal(markdown, fromState.GetText("content").ToString());
        }
        finally
        {
            foreach (var peer in peers) await peer.DisposeAsync();
        }
    }
}
