using DraftPad.Server.Guards;
using Microsoft.Extensions.DependencyInjection.Extensions;
using DraftPad.Server.Storage;
using DraftPad.Server.Storage.Sqlite;

namespace DraftPad.Server.Pads;

/// <summary>Registers the pads, their storage and their limits.</summary>
public static class PadSetup
{
    /// <summary>Adds <see cref="PadManager"/>, the embedded store, the skeleton template and the <c>Storage</c> and <c>Limits</c> options.</summary>
    public static IServiceCollection AddPads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Storage:DataDirectory must name a folder.")
            .Validate(o => o.CompactAfterUpdates > 0 && o.CompactAfterLogBytes > 0 && o.MaxBatch > 0, "Storage compaction and batch settings must be positive.")
            .ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section))
            .Validate(o => o.MaxMessageBytes > 0 && o.MaxHubMessageBytes >= o.MaxMessageBytes, "Limits:MaxHubMessageBytes must be at least Limits:MaxMessageBytes.")
            .Validate(o => o.MaxPadBytes > 0 && o.MessagesPerSecond > 0 && o.MessageBurst > 0 && o.MaxPadsPerConnection > 0, "Limits must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPadStore, SqlitePadStore>();
        services.AddSingleton<IPadTemplate, NewsletterPadTemplate>();
        services.AddSingleton<PadManager>();
        return services;
    }
}
