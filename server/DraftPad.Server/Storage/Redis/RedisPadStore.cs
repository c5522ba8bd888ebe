using System.Globalization;
using System.Security.Cryptography;
using DraftPad.Server.Pads;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DraftPad.Server.Storage.Redis;

/// <summary>
/// The store for several nodes: each pad is a hash (snapshot and bookkeeping) and a stream (its
/// log), on one Redis shared by every node. An append completes once Redis has it on disk (see
/// <see cref="RedisStorageOptions.WaitForAof"/>); its script also tells the other nodes, which
/// then read the log from where they were.
/// </summary>
public sealed partial class RedisPadStore : ISharedPadStore
{
    private const int ReadBatch = 1000;
    private const string NoPad = "DRAFTPAD_NO_PAD";

    private readonly RedisConnection _connection;
    private readonly RedisKeys _keys;
    private readonly RedisStorageOptions _options;
    private readonly ILogger<RedisPadStore> _logger;
    private readonly SemaphoreSlim _durabilityCheck = new(1, 1);
    private volatile int _durabilityMode; // 0 unknown, 1 WAITAOF, 2 trust the server's fsync policy

    /// <summary>Uses the node's Redis connection and <c>Storage:Redis</c>.</summary>
    public RedisPadStore(RedisConnection connection, IOptions<StorageOptions> options, ILogger<RedisPadStore> logger)
    {
        _connection = connection;
        _options = options.Value.Redis;
        _keys = new RedisKeys(options.Value.Redis.KeyPrefix);
        _logger = logger;
    }

    /// <inheritdoc />
    public string NodeId => _connection.NodeId;

    /// <inheritdoc />
    public async Task<IReadOnlyList<PadId>> ListAsync(CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        var ids = new List<PadId>();
        foreach (var member in await db.SetMembersAsync(_keys.Index))
        {
            if (PadId.TryParse(member.ToString(), out var id)) ids.Add(id);
        }
        ids.Sort();
        return ids;
    }

    /// <inheritdoc />
    public async Task<StoredPad?> LoadAsync(PadId id, CancellationToken cancellationToken = default)
    {
        var changes = await ReadAfterAsync(id, null, null, cancellationToken);
        return changes is null ? null : new StoredPad(changes.Snapshot, changes.Updates.Select(u => u.Data).ToList());
    }

    /// <inheritdoc />
    public async Task<bool> CreateAsync(PadId id, byte[] initialState, CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        // The index first: a crash in between leaves an id without a pad, which readers skip.
        await db.SetAddAsync(_keys.Index, id.ToString());
        var created = (long)await db.ScriptEvaluateAsync(RedisScripts.Create, [_keys.Pad(id)],
            [initialState, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)]) == 1;
        if (created) await WaitDurableAsync(db);
        return created;
    }

    /// <inheritdoc />
    public Task AppendAsync(PadId id, byte[] update, CancellationToken cancellationToken = default) => AppendLoggedAsync(id, update, cancellationToken);

    /// <inheritdoc />
    public Task<string> AppendLoggedAsync(PadId id, byte[] update, CancellationToken cancellationToken = default)
    {
        // Issued before the first await: calls made in order (under the pad's lock) reach Redis in order.
        var connect = _connection.GetAsync();
        if (!connect.IsCompletedSuccessfully) return AppendSlowAsync(id, update);
        var db = connect.Result.GetDatabase();
        return FinishAppendAsync(db, id, AppendCore(db, id, update));
    }

    private Task<RedisResult> AppendCore(IDatabase db, PadId id, byte[] update) =>
        db.ScriptEvaluateAsync(RedisScripts.Append, [_keys.Pad(id), _keys.Log(id)], [update, NodeId]);

    private async Task<string> AppendSlowAsync(PadId id, byte[] update)
    {
        var db = await _connection.GetDatabaseAsync();
        return await FinishAppendAsync(db, id, AppendCore(db, id, update));
    }

    private async Task<string> FinishAppendAsync(IDatabase db, PadId id, Task<RedisResult> append)
    {
        string position;
        try
        {
            position = (string)(await append)!;
        }
        catch (RedisServerException e) when (e.Message.Contains(NoPad, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Pad {id} does not exist in the store.", e);
        }
        await WaitDurableAsync(db);
        return position;
    }

    /// <inheritdoc />
    public int ComparePositions(string a, string b) => StreamIds.Compare(a, b);

    /// <inheritdoc />
    public async Task CompactAsync(PadId id, byte[] snapshot, CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        await RunCompactAsync(db, id, snapshot, "+", "");
        await WaitDurableAsync(db);
    }

    /// <inheritdoc />
    public async Task<PadLogChanges?> ReadAfterAsync(PadId id, string? position, string? until = null, CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        byte[]? snapshot = null;
        var updates = new List<LoggedUpdate>();
        var from = position ?? "";
        long snapshotBytes, logBytes;
        int logCount;
        while (true)
        {
            var result = await db.ScriptEvaluateAsync(RedisScripts.Read, [_keys.Pad(id), _keys.Log(id)], [from, ReadBatch, until ?? "+"]);
            if (result.IsNull) return null;
            var parts = (RedisResult[])result!;
            if (!parts[1].IsNull)
            {
                // A snapshot (a load, or a compaction passed us): it replaces what was read so far.
                snapshot = (byte[])parts[1]!;
                updates.Clear();
            }
            from = (string)parts[0]!;
            var entries = (RedisResult[])parts[2]!;
            foreach (var entry in entries)
            {
                var pair = (RedisResult[])entry!;
                var entryId = (string)pair[0]!;
                var fields = (RedisResult[])pair[1]!;
                byte[]? data = null;
                var node = "";
                for (var i = 0; i + 1 < fields.Length; i += 2)
                {
                    switch ((string)fields[i]!)
                    {
                        case "u": data = (byte[])fields[i + 1]!; break;
                        case "n": node = (string)fields[i + 1]!; break;
                    }
                }
                if (data != null) updates.Add(new LoggedUpdate(entryId, node, data));
                from = entryId;
            }
            snapshotBytes = (long)parts[3];
            logBytes = (long)parts[4];
            logCount = (int)(long)parts[5];
            if (entries.Length < ReadBatch) break;
        }
        return new PadLogChanges(snapshot, updates, from, snapshotBytes, logBytes, logCount);
    }

    /// <inheritdoc />
    public async Task<ICompactionLease?> TryAcquireCompactionLeaseAsync(PadId id, CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        var token = NodeId + ":" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var duration = TimeSpan.FromSeconds(Math.Max(1, _options.CompactionLeaseSeconds));
        return await db.StringSetAsync(_keys.Lease(id), token, duration, When.NotExists)
            ? new Lease(this, id, token)
            : null;
    }

    /// <inheritdoc />
    public async Task<CompactionOutcome> CompactAsync(PadId id, byte[] snapshot, string position, ICompactionLease lease, CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        var outcome = await RunCompactAsync(db, id, snapshot, position, lease.Token);
        if (outcome == CompactionOutcome.Compacted) await WaitDurableAsync(db);
        return outcome;
    }

    private async Task<CompactionOutcome> RunCompactAsync(IDatabase db, PadId id, byte[] snapshot, string position, string token)
    {
        RedisResult result;
        try
        {
            result = await db.ScriptEvaluateAsync(RedisScripts.Compact, [_keys.Pad(id), _keys.Log(id), _keys.Lease(id)], [snapshot, position, token]);
        }
        catch (RedisServerException e) when (e.Message.Contains(NoPad, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Pad {id} does not exist in the store.", e);
        }
        return (string)((RedisResult[])result!)[0]! switch
        {
            "compacted" => CompactionOutcome.Compacted,
            "superseded" => CompactionOutcome.Superseded,
            _ => CompactionOutcome.LeaseLost,
        };
    }

    /// <inheritdoc />
    public async Task SaveImageAsync(PadId id, StoredImage image, CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        try
        {
            await db.ScriptEvaluateAsync(RedisScripts.SaveImage, [_keys.Pad(id), _keys.Images(id), _keys.ImageTypes(id)],
                [image.Name, image.Content, image.ContentType]);
        }
        catch (RedisServerException e) when (e.Message.Contains(NoPad, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Pad {id} does not exist in the store.", e);
        }
        await WaitDurableAsync(db);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredImage>> ListImagesAsync(PadId id, CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(RedisScripts.ListImages, [_keys.Images(id), _keys.ImageTypes(id)]))!;
        return result.Select(r =>
        {
            var row = (RedisResult[])r!;
            return new StoredImage((string)row[0]!, (string)row[1]!, [], (long)row[2]);
        }).ToList();
    }

    /// <inheritdoc />
    public async Task<StoredImage?> GetImageAsync(PadId id, string name, CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        var result = await db.ScriptEvaluateAsync(RedisScripts.GetImage, [_keys.Images(id), _keys.ImageTypes(id)], [name]);
        if (result.IsNull) return null;
        var row = (RedisResult[])result!;
        var content = (byte[])row[1]!;
        return new StoredImage(name, (string)row[0]!, content, content.LongLength);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteImageAsync(PadId id, string name, CancellationToken cancellationToken = default)
    {
        var db = await _connection.GetDatabaseAsync();
        var removed = (long)await db.ScriptEvaluateAsync(RedisScripts.DeleteImage, [_keys.Images(id), _keys.ImageTypes(id)], [name]) == 1;
        if (removed) await WaitDurableAsync(db);
        return removed;
    }

    /// <summary>
    /// Completes once the preceding writes are on disk: with <c>WAITAOF 1 0</c> on Redis 7.2+, else
    /// by the server's own policy (<c>appendfsync always</c> syncs before it replies; checked and
    /// warned about once).
    /// </summary>
    private async Task WaitDurableAsync(IDatabase db)
    {
        if (_durabilityMode == 0) await DecideDurabilityAsync(db.Multiplexer);
        if (_durabilityMode != 1) return;
        var result = (RedisResult[])(await db.ExecuteAsync("WAITAOF", 1, 0, 5000))!;
        if ((long)result[0] < 1)
        {
            throw new RedisException("Redis did not confirm that the write reached its append-only file (WAITAOF).");
        }
    }

    private async Task DecideDurabilityAsync(IConnectionMultiplexer multiplexer)
    {
        await _durabilityCheck.WaitAsync();
        try
        {
            if (_durabilityMode != 0) return;
            var server = multiplexer.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica);
            if (server is null) return; // decide once connected
            if (_options.WaitForAof && server.Version >= new Version(7, 2))
            {
                Log.UsingWaitAof(_logger, server.Version.ToString());
                _durabilityMode = 1;
                return;
            }
            string appendOnly = "?", fsync = "?";
            try
            {
                foreach (var pair in await server.ConfigGetAsync("append*"))
                {
                    if (pair.Key == "appendonly") appendOnly = pair.Value;
                    if (pair.Key == "appendfsync") fsync = pair.Value;
                }
            }
            catch (Exception e) when (e is RedisException or RedisCommandException)
            {
                // CONFIG may be disabled (managed Redis): say what must be configured.
            }
            if (appendOnly == "yes" && fsync == "always") Log.FsyncAlways(_logger, server.Version.ToString());
            else Log.NotDurable(_logger, server.Version.ToString(), appendOnly, fsync);
            _durabilityMode = 2;
        }
        finally
        {
            _durabilityCheck.Release();
        }
    }

    private sealed class Lease(RedisPadStore store, PadId pad, string token) : ICompactionLease
    {
        public PadId Pad { get; } = pad;

        public string Token { get; } = token;

        public async ValueTask DisposeAsync()
        {
            try
            {
                var db = await store._connection.GetDatabaseAsync();
                await db.ScriptEvaluateAsync(RedisScripts.ReleaseLease, [store._keys.Lease(Pad)], [Token]);
            }
            catch (RedisException)
            {
                // It expires by itself.
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Information, "Redis {Version}: every write waits for WAITAOF (fsynced to the append-only file) before it is acknowledged.")]
        public static partial void UsingWaitAof(ILogger logger, string version);

        [LoggerMessage(51, LogLevel.Information, "Redis {Version}: appendonly yes, appendfsync always: a write is on disk before Redis replies.")]
        public static partial void FsyncAlways(ILogger logger, string version);

        [LoggerMessage(52, LogLevel.Warning, "Redis {Version} reports appendonly {AppendOnly}, appendfsync {Fsync}: acknowledged updates can be lost if Redis crashes. Production needs appendonly yes and appendfsync always (or Redis 7.2+ with Storage:Redis:WaitForAof).")]
        public static partial void NotDurable(ILogger logger, string version, string appendOnly, string fsync);
    }
}
