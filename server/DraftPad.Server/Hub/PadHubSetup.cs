using DraftPad.Server.Guards;
using DraftPad.Server.Pads;
using DraftPad.Server.Storage;
using DraftPad.Server.Storage.Redis;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Hub;

/// <summary>Registers and maps the pad hub.</summary>
public static class PadHubSetup
{
    /// <summary>Hub path.</summary>
    public const string Path = "/hubs/pad";

    /// <summary>
    /// SignalR with the JSON and MessagePack protocols, the message size limit raised deliberately, the
    /// presence janitor; with <c>Storage:Provider=Redis</c>, SignalR's Redis backplane, so a pad's group
    /// spans every node (on its own connection, made by <see cref="RedisConnection"/>).
    /// </summary>
    public static IServiceCollection AddPadHub(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var signalR = services.AddSignalR().AddMessagePackProtocol();
        if (configuration != null && StorageSetup.ReadProvider(configuration) == StorageProvider.Redis)
        {
            signalR.AddStackExchangeRedis();
            services.AddOptions<RedisOptions>().Configure<RedisConnection>((redis, connection) => redis.ConnectionFactory = connection.ConnectBackplaneAsync);
        }
        services.AddOptions<Microsoft.AspNetCore.SignalR.HubOptions>()
            .Configure<IOptions<LimitsOptions>>((hub, limits) => hub.MaximumReceiveMessageSize = limits.Value.MaxHubMessageBytes);
        services.AddSingleton<IPadBroadcaster, HubPadBroadcaster>();
        services.AddHostedService<PresenceJanitor>();
        return services;
    }

    /// <summary>Maps the hub at <see cref="Path"/>.</summary>
    public static IEndpointRouteBuilder MapPadHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<PadHub>(Path);
        return endpoints;
    }
}

/// <summary>Every few seconds, drops presence that was not renewed (a client that vanished without closing).</summary>
internal sealed class PresenceJanitor(PadManager pads) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(DraftPad.Crdt.Protocols.Awareness.CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var pad in pads.LoadedPads) await pads.ExpireAwarenessAsync(pad);
        }
    }
}
