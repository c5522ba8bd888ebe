namespace DraftPad.Server.Storage;

/// <summary>Settings of the <c>Storage</c> section (see docs/configuration.md).</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Storage";

    /// <summary>
    /// Which store holds the pads: <see cref="StorageProvider.Sqlite"/> (embedded, one node; the
    /// default) or <see cref="StorageProvider.Redis"/> (several nodes share one Redis).
    /// </summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder holding the embedded database (created when missing). Relative paths are relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Compact a pad once this many updates were appended since its snapshot.</summary>
    public int CompactAfterUpdates { get; set; } = 1000;

    /// <summary>Compact a pad once its log holds this many bytes (and more than its snapshot).</summary>
    public long CompactAfterLogBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest number of appends committed in one transaction (group commit).</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>The Redis store (<c>Storage:Redis</c>), read when <see cref="Provider"/> is Redis.</summary>
    public RedisStorageOptions Redis { get; set; } = new();
}

/// <summary>The stores DraftPad can run on.</summary>
public enum StorageProvider
{
    /// <summary>The embedded SQLite file: one server node.</summary>
    Sqlite,

    /// <summary>Redis: any number of server nodes share the pads, and SignalR fans out through it.</summary>
    Redis,
}

/// <summary>Settings of <c>Storage:Redis</c> (see docs/configuration.md and docs/scale-out.md).</summary>
public sealed class RedisStorageOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=...</c>.</summary>
    public string Configuration { get; set; } = "localhost:6379";

    /// <summary>
    /// Prefix of every key and pub/sub channel DraftPad uses, so several deployments (or test runs)
    /// can share one Redis. Nodes of one deployment must use the same prefix.
    /// </summary>
    public string KeyPrefix { get; set; } = "draftpad:";

    /// <summary>
    /// Every this many seconds each node re-reads the logs of its loaded pads and sends its clients
    /// sync step 1 (they answer with whatever the server lacks): heals anything a pub/sub gap lost.
    /// </summary>
    public double ResyncSeconds { get; set; } = 15;

    /// <summary>How long a node may hold a pad's compaction lease before another node may take it.</summary>
    public double CompactionLeaseSeconds { get; set; } = 30;

    /// <summary>
    /// On Redis 7.2 and newer, follow each write with <c>WAITAOF 1 0</c>, so an update is acknowledged
    /// only once Redis has fsynced it to its append-only file. Older servers need
    /// <c>appendonly yes</c> with <c>appendfsync always</c> for the same guarantee.
    /// </summary>
    public bool WaitForAof { get; set; } = true;
}
