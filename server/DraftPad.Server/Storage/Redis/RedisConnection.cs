using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DraftPad.Server.Storage.Redis;

/// <summary>
/// This node's connections to Redis: one for the pad store and the node bus, one made for the
/// SignalR backplane (SignalR disposes it). Both reconnect by themselves; <see cref="Reconnected"/>
/// tells when either came back, so the node can heal what a gap may have lost.
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly RedisStorageOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> _store;
    private volatile bool _disposed;

    /// <summary>Reads <c>Storage:Redis</c>; connects on first use.</summary>
    public RedisConnection(IOptions<StorageOptions> options, ILogger<RedisConnection> logger)
    {
        _options = options.Value.Redis;
        _logger = logger;
        NodeId = $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        _store = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectAsync(_options.KeyPrefix, "store", null, allowAdmin: true));
    }

    /// <summary>This process's identity among the nodes (host, process id and a random part).</summary>
    public string NodeId { get; }

    /// <summary>The key prefix (<c>Storage:Redis:KeyPrefix</c>).</summary>
    public string KeyPrefix => _options.KeyPrefix;

    /// <summary>Raised when a connection to Redis is back after a failure (the argument names which).</summary>
    public event Action<string>? Reconnected;

    /// <summary>Raised when a connection to Redis failed (the argument names which).</summary>
    public event Action<string>? Failed;

    /// <summary>The store's multiplexer (connected on first use; it keeps reconnecting while Redis is away).</summary>
    public Task<ConnectionMultiplexer> GetAsync() => _store.Value;

    /// <summary>The database of the store's multiplexer.</summary>
    public async Task<IDatabase> GetDatabaseAsync() => (await GetAsync()).GetDatabase();

    /// <summary>A separate multiplexer for SignalR's backplane, whose channels get their own prefix.</summary>
    public async Task<IConnectionMultiplexer> ConnectBackplaneAsync(TextWriter log) =>
        await ConnectAsync(_options.KeyPrefix + "signalr:", "backplane", log, allowAdmin: false);

    private async Task<ConnectionMultiplexer> ConnectAsync(string channelPrefix, string role, TextWriter? log, bool allowAdmin)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var configuration = ConfigurationOptions.Parse(_options.Configuration);
        configuration.AbortOnConnectFail = false;
        // The store reads the server's persistence settings once (CONFIG GET) to warn when they lose data.
        if (allowAdmin) configuration.AllowAdmin = true;
        configuration.ChannelPrefix = RedisChannel.Literal(channelPrefix);
        configuration.ClientName ??= $"draftpad-{role}-{NodeId}";
        // Retry every half second while Redis is away (the default backs off to many seconds).
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration, log);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            if (_disposed) return;
            Log.ConnectionFailed(_logger, role, e.ConnectionType.ToString(), e.FailureType.ToString(), e.Exception);
            Failed?.Invoke(role);
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (_disposed) return;
            Log.ConnectionRestored(_logger, role, e.ConnectionType.ToString());
            Reconnected?.Invoke(role);
        };
        Log.Connected(_logger, role, multiplexer.IsConnected, NodeId);
        return multiplexer;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_store.IsValueCreated)
        {
            try
            {
                await (await _store.Value).DisposeAsync();
            }
            catch (RedisException)
            {
                // Never connected: nothing to close.
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Information, "Redis {Role} connection opened (connected: {Connected}); this node is {NodeId}.")]
        public static partial void Connected(ILogger logger, string role, bool connected, string nodeId);

        [LoggerMessage(41, LogLevel.Warning, "Redis {Role} connection lost ({ConnectionType}, {FailureType}); reconnecting.")]
        public static partial void ConnectionFailed(ILogger logger, string role, string connectionType, string failureType, Exception? exception);

        [LoggerMessage(42, LogLevel.Information, "Redis {Role} connection restored ({ConnectionType}).")]
        public static partial void ConnectionRestored(ILogger logger, string role, string connectionType);
    }
}
