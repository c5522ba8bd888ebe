namespace DraftPad.Server.Storage;

/// <summary>Reads the storage choice while services are registered (before options exist).</summary>
public static class StorageSetup
{
    /// <summary>
    /// <c>Storage:Provider</c>: <c>Sqlite</c> (the default) or <c>Redis</c>, in any case; anything else
    /// stops the server with a message naming the setting.
    /// </summary>
    public static StorageProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration[StorageOptions.Section + ":" + nameof(StorageOptions.Provider)];
        if (string.IsNullOrWhiteSpace(value)) return StorageProvider.Sqlite;
        return Enum.TryParse<StorageProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider) && !int.TryParse(value, out _)
            ? provider
            : throw new InvalidOperationException($"Storage:Provider is '{value}': use Sqlite (embedded, one node) or Redis (several nodes).");
    }
}
