using DraftPad.Server.Pads;
using DraftPad.Server.Storage;
using DraftPad.Server.Storage.Redis;

namespace DraftPad.Server.Scaling;

/// <summary>Registers what running several nodes on one Redis takes (the backplane itself is in Hub/PadHubSetup).</summary>
public static class ScaleOutSetup
{
    /// <summary>The Redis connection, the Redis pad store, the node bus and the resync service.</summary>
    public static IServiceCollection AddRedisScaleOut(this IServiceCollection services)
    {
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisPadStore>();
        services.AddSingleton<IPadStore>(sp => sp.GetRequiredService<RedisPadStore>());
        services.AddSingleton<NodeBus>();
        services.AddSingleton<IPadReplication>(sp => sp.GetRequiredService<NodeBus>());
        services.AddHostedService<PadReplicationService>();
        return services;
    }
}
