namespace DraftPad.Server.Storage;

/// <summary>Settings of the <c>Storage</c> section (see docs/configuration.md).</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Storage";

    /// <summary>Folder holding the embedded database (created when missing). Relative paths are relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Compact a pad once this many updates were appended since its snapshot.</summary>
    public int CompactAfterUpdates { get; set; } = 1000;

    /// <summary>Compact a pad once its log holds this many bytes (and more than its snapshot).</summary>
    public long CompactAfterLogBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest number of appends committed in one transaction (group commit).</summary>
    public int MaxBatch { get; set; } = 256;
}
