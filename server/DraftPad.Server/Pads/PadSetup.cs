using DraftPad.Server.Guards;
using DraftPad.Server.Scaling;
using DraftPad.Server.Storage;
using DraftPad.Server.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DraftPad.Server.Pads;

/// <summary>Registers the pads, their storage and their limits.</summary>
public static class PadSetup
{
    /// <summary>
    /// Adds <see cref="PadManager"/>, the store chosen by <c>Storage:Provider</c> (embedded SQLite by
    /// default, Redis to scale out), the skeleton template and the <c>Storage</c> and <c>Limits</c> options.
    /// </summary>
    public static IServiceCollection AddPads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Storage:DataDirectory must name a folder.")
            .Validate(o => o.CompactAfterUpdates > 0 && o.CompactAfterLogBytes > 0 && o.MaxBatch > 0, "Storage compaction and batch settings must be positive.")
            .Validate(o => o.Provider != StorageProvider.Redis || !string.IsNullOrWhiteSpace(o.Redis.Configuration), "Storage:Redis:Configuration must name the Redis server, e.g. redis:6379.")
            .Validate(o => o.Redis.ResyncSeconds > 0 && o.Redis.CompactionLeaseSeconds > 0, "Storage:Redis:ResyncSeconds and Storage:Redis:CompactionLeaseSeconds must be positive.")
            .ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section))
            .Validate(o => o.MaxMessageBytes > 0 && o.MaxHubMessageBytes >= o.MaxMessageBytes, "Limits:MaxHubMessageBytes must be at least Limits:MaxMessageBytes.")
            .Validate(o => o.MaxPadBytes > 0 && o.MessagesPerSecond > 0 && o.MessageBurst > 0 && o.MaxPadsPerConnection > 0, "Limits must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        if (StorageSetup.ReadProvider(configuration) == StorageProvider.Redis)
        {
            services.AddRedisScaleOut(); // Scaling/: the Redis store, the node bus, resync
        }
        else
        {
            services.AddSingleton<IPadStore, SqlitePadStore>();
            services.AddSingleton<IPadReplication, SingleNodeReplication>();
        }
        services.AddSingleton<IPadTemplate, NewsletterPadTemplate>();
        services.AddSingleton<PadManager>();
        return services;
    }
}
