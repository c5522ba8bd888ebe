using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace DraftPad.Server.Storage.Sqlite;

/// <summary>
/// The single writer of the database: requests queue up in call order and are committed in
/// groups (one transaction, one WAL sync for many appends), so durable acknowledgement costs one
/// sync per batch rather than per keystroke.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _queue = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public SqliteWriter(string connectionString, int maxBatch, ILogger logger)
    {
        _connection = SqliteSchema.Open(connectionString, forWriting: true);
        _maxBatch = Math.Max(1, maxBatch);
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="work"/>; the task completes with its result once its transaction is committed.</summary>
    public Task<T> Enqueue<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var request = new WriteRequest<T>(work);
        if (!_queue.Writer.TryWrite(request)) throw new ObjectDisposedException(nameof(SqliteWriter), "The store is shutting down.");
        return request.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var request)) batch.Add(request);
            if (!TryCommit(batch))
            {
                // One bad request must not fail its neighbours: commit each on its own.
                foreach (var request in batch) TryCommit([request]);
            }
        }
    }

    private bool TryCommit(List<WriteRequest> batch)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var request in batch) request.Execute(_connection, transaction);
            transaction.Commit();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            if (batch.Count == 1)
            {
                StorageLog.WriteFailed(_logger, e);
                batch[0].Fail(e);
                return true;
            }
            return false;
        }
        foreach (var request in batch) request.Complete();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _connection.Dispose();
    }

    private abstract class WriteRequest
    {
        public abstract void Execute(SqliteConnection connection, SqliteTransaction transaction);
        public abstract void Complete();
        public abstract void Fail(Exception error);
    }

    private sealed class WriteRequest<T>(Func<SqliteConnection, SqliteTransaction, T> work) : WriteRequest
    {
        private T? _result;
        public readonly TaskCompletionSource<T> Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Execute(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);
        public override void Complete() => Completion.TrySetResult(_result!);
        public override void Fail(Exception error) => Completion.TrySetException(error);
    }
}
