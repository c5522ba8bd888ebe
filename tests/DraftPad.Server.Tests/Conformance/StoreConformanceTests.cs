using DraftPad.Server.Storage;
using DraftPad.Server.Storage.Redis;
using DraftPad.Server.Storage.Sqlite;
using DraftPad.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Tests.Conformance;

/// <summary>The store suite on the embedded SQLite store (a real file in a temporary folder).</summary>
public sealed class SqlitePadStoreConformanceTests : PadStoreConformance
{
    private readonly string _directory = Directory.CreateTempSubdirectory("draftpad-conformance-").FullName;

    protected override Task<IPadStore> OpenAsync() => Task.FromResult<IPadStore>(
        new SqlitePadStore(Options.Create(new StorageOptions { DataDirectory = _directory, MaxBatch = 64 }), NullLogger<SqlitePadStore>.Instance));

    protected override async Task CloseAsync(IPadStore store) => await ((SqlitePadStore)store).DisposeAsync();

    protected override Task DeleteDataAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The store suite on the Redis store (a real redis-server, append-only; a key prefix per test).</summary>
public sealed class RedisPadStoreConformanceTests(RedisFixture redis) : PadStoreConformance, IClassFixture<RedisFixture>
{
    private readonly string _prefix = RedisFixture.NewPrefix();
    private readonly Dictionary<IPadStore, RedisConnection> _connections = [];

    internal static (RedisPadStore Store, RedisConnection Connection) Open(RedisFixture redis, string prefix, double leaseSeconds = 30)
    {
        var options = Options.Create(new StorageOptions
        {
            Provider = StorageProvider.Redis,
            Redis = new RedisStorageOptions { Configuration = redis.Server.Configuration, KeyPrefix = prefix, CompactionLeaseSeconds = leaseSeconds },
        });
        var connection = new RedisConnection(options, NullLogger<RedisConnection>.Instance);
        return (new RedisPadStore(connection, options, NullLogger<RedisPadStore>.Instance), connection);
    }

    protected override Task<IPadStore> OpenAsync()
    {
        var (store, connection) = Open(redis, _prefix);
        _connections[store] = connection;
        return Task.FromResult<IPadStore>(store);
    }

    protected override async Task CloseAsync(IPadStore store)
    {
        await _connections[store].DisposeAsync();
        _connections.Remove(store);
    }

    protected override Task DeleteDataAsync() => Task.CompletedTask; // the fixture's server and folder go away with the class
}
