using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DraftPad.Crdt;
using DraftPad.Server.Tests.Hub;
using DraftPad.Server.Tests.Support;
using Xunit.Abstractions;

namespace DraftPad.Server.Tests.Conformance;

/// <summary>
/// What clients of a deployment see, however many nodes serve it: one suite, run against one node
/// on the embedded store (<see cref="SqliteFanOutConformanceTests"/>: both "nodes" are that node) and
/// two nodes on one Redis (<see cref="RedisFanOutConformanceTests"/>). Clients alternate between the
/// nodes; every node must serve the same pad, fan changes and presence out to every client, and
/// keep every acknowledged change.
/// </summary>
public abstract class PadFanOutConformance(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<ServerHost> _running = [];

    protected ITestOutputHelper Output { get; } = output;

    protected static string Pad { get; } = TestPads.Current;

    /// <summary>Starts the deployment's two entry points (the same node twice for a single-node store), on this test's data.</summary>
    private protected abstract Task<ServerHost[]> StartNodesCoreAsync(IDictionary<string, string> settings);

    /// <summary>Removes this test's data.</summary>
    protected abstract Task DeleteDataAsync();

    private protected async Task<ServerHost[]> StartNodesAsync(IDictionary<string, string>? settings = null)
    {
        var nodes = await StartNodesCoreAsync(settings ?? new Dictionary<string, string>());
        foreach (var node in nodes.Distinct()) node.KeepData = true;
        _running.AddRange(nodes.Distinct());
        return nodes;
    }

    protected async Task StopNodesAsync()
    {
        foreach (var node in _running) await node.DisposeAsync();
        _running.Clear();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopNodesAsync();
        await DeleteDataAsync();
    }

    [Fact]
    public async Task Clients_on_different_nodes_converge_with_every_node()
    {
        var seed = TestSettings.Seed;
        Output.WriteLine($"seed {seed} (replay with DRAFTPAD_SEED={seed})");
        var random = new Random(seed);
        var nodes = await StartNodesAsync();
        var peers = new List<PadPeer>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                peers.Add(await PadPeer.JoinAsync(nodes[i % 2], Pad, i % 2 == 0 ? HubProtocol.Json : HubProtocol.MessagePack, clientId: (ulong)(2000 + i)));
            }
            await RandomTyping.TypeAsync(peers, random, TestSettings.Long ? 400 : 80, pauseOneIn: 6);
            await Task.WhenAll(peers.Select(p => p.AcknowledgedAsync()));
            await AssertConvergedAsync(nodes, peers, $"seed {seed}");
            foreach (var peer in peers) Assert.True(peer.Errors.Count == 0, $"seed {seed}: {string.Join("; ", peer.Errors)}");
        }
        finally
        {
            foreach (var peer in peers) await peer.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_acknowledged_change_is_served_by_every_node_and_reaches_every_client()
    {
        var nodes = await StartNodesAsync();
        await using var writer = await PadPeer.JoinAsync(nodes[0], Pad);
        await using var reader = await PadPeer.JoinAsync(nodes[1], Pad, HubProtocol.Json);
        for (var i = 0; i < 5; i++)
        {
            var token = $"[ack {i}]";
            await writer.EditAndSend(d => d.GetText("content").Insert(0, token));
            // Read your writes through any node, right after the acknowledgement.
            Assert.Contains(token, await nodes[1].Http().GetStringAsync($"api/pads/{Pad}/markdown"));
            await HubContractTests.Eventually(() => reader.Text.Contains(token, StringComparison.Ordinal));
        }
        Assert.Empty(writer.Errors);
    }

    [Fact]
    public async Task A_client_may_build_on_a_change_from_another_node_as_soon_as_it_sees_it()
    {
        var nodes = await StartNodesAsync();
        await using var a = await PadPeer.JoinAsync(nodes[0], Pad);
        await using var b = await PadPeer.JoinAsync(nodes[1], Pad);
        for (var i = 0; i < 20; i++)
        {
            var (from, to) = i % 2 == 0 ? (a, b) : (b, a);
            var token = $"<{i}>";
            var send = from.EditAndSend(d => d.GetText("content").Insert(0, token));
            await HubContractTests.Eventually(() => to.Text.StartsWith(token, StringComparison.Ordinal));
            // Right away, after the token: this update depends on a change the receiving node may not have read yet.
            await to.EditAndSend(d => d.GetText("content").Insert(token.Length, "+"));
            await send;
        }
        Assert.Empty(a.Errors.Concat(b.Errors));
        await AssertConvergedAsync(nodes, [a, b], "ping-pong");
    }

    [Fact]
    public async Task Presence_reaches_clients_of_every_node_including_late_joiners_and_goes_when_its_client_leaves()
    {
        var nodes = await StartNodesAsync();
        var alice = await PadPeer.JoinAsync(nodes[0], Pad, clientId: 71);
        await using var bob = await PadPeer.JoinAsync(nodes[1], Pad, clientId: 72);
        alice.SetPresence(new JsonObject { ["user"] = "alice" });
        await alice.AcknowledgedAsync();
        await HubContractTests.Eventually(() => bob.Awareness.GetStates().ContainsKey(71));
        // A client joining another node later gets the presence in its welcome.
        await using var carol = await PadPeer.JoinAsync(nodes[1], Pad, clientId: 73);
        await HubContractTests.Eventually(() => carol.Awareness.GetStates().ContainsKey(71));
        await alice.DisposeAsync();
        await HubContractTests.Eventually(() => !bob.Awareness.GetStates().ContainsKey(71) && !carol.Awareness.GetStates().ContainsKey(71));
    }

    [Fact]
    public async Task A_server_side_change_on_one_node_reaches_clients_of_every_node()
    {
        var nodes = await StartNodesAsync();
        await using var peer = await PadPeer.JoinAsync(nodes[0], Pad);
        using var maintainer = nodes[1].Http(ServerHost.MaintainerToken);
        var response = await maintainer.PatchAsJsonAsync($"api/pads/{Pad}", new { releaseDate = "2031-01-07" });
        response.EnsureSuccessStatusCode();
        await HubContractTests.Eventually(() => ReleaseDate(peer) == "2031-01-07");
        Assert.Contains("2031-01-07", await nodes[0].Http().GetStringAsync($"api/pads/{Pad}"));
    }

    [Fact]
    public async Task Compaction_while_clients_of_every_node_type_loses_nothing_and_a_restart_restores_the_state()
    {
        var settings = new Dictionary<string, string> { ["Storage:CompactAfterUpdates"] = "5" };
        var nodes = await StartNodesAsync(settings);
        var acknowledged = new ConcurrentBag<string>();
        var peers = new List<PadPeer>();
        for (var i = 0; i < 4; i++) peers.Add(await PadPeer.JoinAsync(nodes[i % 2], Pad, clientId: (ulong)(3000 + i)));
        var typists = peers.Select((peer, index) => Task.Run(async () =>
        {
            for (var n = 0; n < 40; n++)
            {
                var token = $"<{index}:{n}>";
                await peer.EditAndSend(d => d.GetText("content").Insert(d.GetText("content").Length, token));
                acknowledged.Add(token);
            }
        })).ToList();
        await Task.WhenAll(typists);
        var (markdown, state) = await AssertConvergedAsync(nodes, peers, "compaction");
        Assert.All(acknowledged, token => Assert.Contains(token, markdown));
        foreach (var peer in peers) await peer.DisposeAsync();

        await StopNodesAsync();
        var restarted = await StartNodesAsync(settings);
        foreach (var node in restarted)
        {
            Assert.Equal(state, await node.Http().GetByteArrayAsync($"api/pads/{Pad}/state"));
            Assert.Equal(markdown, await node.Http().GetStringAsync($"api/pads/{Pad}/markdown"));
        }
    }

    /// <summary>Waits until every peer and every node hold the same text and state vector; returns the markdown and state.</summary>
    private protected static async Task<(string Markdown, byte[] State)> AssertConvergedAsync(IReadOnlyList<ServerHost> nodes, IReadOnlyList<PadPeer> peers, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            await Task.WhenAll(peers.Select(p => p.QuietAsync(TimeSpan.FromMilliseconds(200))));
            var markdowns = new List<string>();
            var vectors = new List<byte[]>();
            byte[] state = [];
            foreach (var node in nodes.Distinct())
            {
                markdowns.Add(await node.Http().GetStringAsync($"api/pads/{Pad}/markdown"));
                state = await node.Http().GetByteArrayAsync($"api/pads/{Pad}/state");
                var doc = new YDoc();
                doc.ApplyUpdate(state);
                vectors.Add(doc.EncodeStateVector());
                Assert.Equal(markdowns[^1], doc.GetText("content").ToString());
            }
            markdowns.AddRange(peers.Select(p => p.Text));
            vectors.AddRange(peers.Select(p => p.StateVector));
            var converged = markdowns.All(m => m == markdowns[0]) && vectors.All(v => v.AsSpan().SequenceEqual(vectors[0]));
            if (converged) return (markdowns[0], state);
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what}: nodes and clients did not converge:\n" + string.Join("\n----\n", markdowns.Select(m => m.Length > 400 ? m[..400] + "..." : m)));
            }
            await Task.Delay(200);
        }
    }

    private static string? ReleaseDate(PadPeer peer)
    {
        string? value = null;
        peer.Edit(d => value = d.GetMap("meta").Get("releaseDate") as string);
        return value;
    }
}
