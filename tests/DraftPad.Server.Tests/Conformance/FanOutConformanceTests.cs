using DraftPad.Server.Tests.Support;
using Xunit.Abstractions;

namespace DraftPad.Server.Tests.Conformance;

/// <summary>The fan-out suite on one node with the embedded store (both entry points are that node).</summary>
public sealed class SqliteFanOutConformanceTests(ITestOutputHelper output) : PadFanOutConformance(output)
{
    private readonly string _directory = Directory.CreateTempSubdirectory("draftpad-fanout-").FullName;

    private protected override async Task<ServerHost[]> StartNodesCoreAsync(IDictionary<string, string> settings)
    {
        var node = await ServerHost.StartAsync(settings, _directory);
        return [node, node];
    }

    protected override Task DeleteDataAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The fan-out suite on two nodes sharing one Redis (store and SignalR backplane).</summary>
public sealed class RedisFanOutConformanceTests(RedisFixture redis, ITestOutputHelper output) : PadFanOutConformance(output), IClassFixture<RedisFixture>
{
    private readonly string _prefix = RedisFixture.NewPrefix();
    private readonly List<string> _directories = [];

    private protected override async Task<ServerHost[]> StartNodesCoreAsync(IDictionary<string, string> settings)
    {
        var nodes = new ServerHost[2];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = await ServerHost.StartAsync(redis.NodeSettings(_prefix, settings));
            _directories.Add(nodes[i].DataDirectory);
        }
        return nodes;
    }

    protected override Task DeleteDataAsync()
    {
        foreach (var directory in _directories)
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
        return Task.CompletedTask;
    }
}
