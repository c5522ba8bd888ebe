using DraftPad.Server.Tests.Support;
using Xunit.Abstractions;

namespace DraftPad.Server.Tests.Interop;

/// <summary>Stock yjs clients over @microsoft/signalr (both protocols) and .NET clients on one pad converge.</summary>
public sealed class NodeClientTests(ITestOutputHelper output)
{
    private static readonly string Pad = TestPads.Current;

    [Fact]
    public async Task Node_clients_on_both_protocols_and_dotnet_clients_converge_with_the_server()
    {
        var seed = TestSettings.Seed;
        output.WriteLine($"seed {seed}");
        await using var host = await ServerHost.StartAsync();
        await using var dotnetJson = await PadPeer.JoinAsync(host, Pad, HubProtocol.Json, clientId: 9001);
        await using var dotnetPack = await PadPeer.JoinAsync(host, Pad, HubProtocol.MessagePack, clientId: 9002);

        var edits = TestSettings.Long ? "400" : "60";
        var nodeJson = NodePadClient.RunAsync(host.BaseUri, "--pad", Pad, "--protocol", "json", "--seed", seed.ToString(), "--edits", edits, "--client-id", "7001", "--settle-ms", "1500");
        var nodePack = NodePadClient.RunAsync(host.BaseUri, "--pad", Pad, "--protocol", "msgpack", "--seed", (seed + 1).ToString(), "--edits", edits, "--client-id", "7002", "--settle-ms", "1500");
        var random = new Random(seed);
        for (var i = 0; i < 40; i++)
        {
            var peer = i % 2 == 0 ? dotnetJson : dotnetPack;
            peer.Edit(d =>
            {
                var text = d.GetText("content");
                if (text.Length > 20 && random.Next(4) == 0) text.Delete(random.Next(text.Length - 10), 4);
                else text.Insert(random.Next(text.Length + 1), $"[.net {i}]");
            });
            await Task.Delay(random.Next(5, 30));
        }
        var results = await Task.WhenAll(nodeJson, nodePack);
        await Task.WhenAll(dotnetJson.AcknowledgedAsync(), dotnetPack.AcknowledgedAsync());
        await Task.WhenAll(dotnetJson.QuietAsync(TimeSpan.FromMilliseconds(500)), dotnetPack.QuietAsync(TimeSpan.FromMilliseconds(500)));

        var markdown = await host.Http().GetStringAsync($"api/pads/{Pad}/markdown");
        foreach (var result in results)
        {
            output.WriteLine($"node client {result["clientId"]}: {result["acknowledged"]} acknowledged, errors {result["errors"]!.ToJsonString()}");
            Assert.Empty(result["errors"]!.AsArray());
            Assert.True(result["acknowledged"]!.GetValue<int>() >= int.Parse(edits), $"seed {seed}: node client acknowledged fewer sends than edits");
            Assert.True(markdown == result["text"]!.GetValue<string>(), $"seed {seed}: node client {result["clientId"]} diverged");
        }
        Assert.Equal(markdown, dotnetJson.Text);
        Assert.Equal(markdown, dotnetPack.Text);
        Assert.Empty(dotnetJson.Errors.Concat(dotnetPack.Errors));
    }

    [Fact]
    public async Task Node_client_gets_precise_errors_for_bad_messages_and_keeps_working()
    {
        await using var host = await ServerHost.StartAsync();
        await using var bystander = await PadPeer.JoinAsync(host, Pad);
        var result = await NodePadClient.RunAsync(host.BaseUri, "--pad", Pad, "--protocol", "msgpack", "--mode", "bad", "--client-id", "7100");
        output.WriteLine(result.ToJsonString());
        var errors = result["errors"]!.AsArray().ToDictionary(e => e!["case"]!.GetValue<string>(), e => e!["message"]!.GetValue<string>());
        // SignalR prefixes a HubException's text ("An unexpected error occurred invoking 'Send' on the
        // server. HubException: ..."); the server's own reason follows it.
        var expected = new Dictionary<string, string>
        {
            ["truncated sync update"] = "payload claims",
            ["unknown message type"] = "unknown message type 9",
            ["awareness with invalid JSON"] = "Invalid JSON",
            ["contributor writes meta"] = "Only maintainers may change the pad's metadata",
            ["auth message from a client"] = "Auth messages are sent by the server only",
            ["send before join"] = "Join pad 2026-01 before sending to it",
            ["join a non-month pad"] = "A pad id is a month written YYYY-MM",
        };
        foreach (var (name, phrase) in expected)
        {
            Assert.True(errors.TryGetValue(name, out var message), $"case '{name}' missing");
            Assert.Contains(phrase, message);
        }
        Assert.True(result["afterwardsOk"]!.GetValue<bool>());
        await bystander.QuietAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(await host.Http().GetStringAsync($"api/pads/{Pad}/markdown"), bystander.Text);
    }
}
