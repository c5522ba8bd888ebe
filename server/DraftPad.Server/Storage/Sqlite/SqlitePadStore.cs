using System.Globalization;
using DraftPad.Server.Pads;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Storage.Sqlite;

/// <summary>The embedded default store: one SQLite file, <c>draftpad.db</c>, in <see cref="StorageOptions.DataDirectory"/>.</summary>
public sealed class SqlitePadStore : IPadStore, IAsyncDisposable
{
    /// <summary>File name of the database inside the data folder.</summary>
    public const string FileName = "draftpad.db";

    private readonly string _connectionString;
    private readonly SqliteWriter _writer;

    /// <summary>Opens (and creates when missing) the database.</summary>
    public SqlitePadStore(IOptions<StorageOptions> options, ILogger<SqlitePadStore> logger)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _writer = new SqliteWriter(_connectionString, options.Value.MaxBatch, logger);
        StorageLog.Opened(logger, path);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PadId>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteSchema.Open(_connectionString, forWriting: false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM pads ORDER BY id";
        var ids = new List<PadId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (PadId.TryParse(reader.GetString(0), out var id)) ids.Add(id);
        }
        return ids;
    }

    /// <inheritdoc />
    public async Task<StoredPad?> LoadAsync(PadId id, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteSchema.Open(_connectionString, forWriting: false);
        // One read transaction: the snapshot and the log are seen at the same instant.
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var padCommand = connection.CreateCommand();
        padCommand.Transaction = transaction;
        padCommand.CommandText = "SELECT snapshot FROM pads WHERE id = $id";
        padCommand.Parameters.AddWithValue("$id", id.ToString());
        byte[]? snapshot;
        await using (var reader = await padCommand.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            snapshot = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);
        }
        await using var logCommand = connection.CreateCommand();
        logCommand.Transaction = transaction;
        logCommand.CommandText = "SELECT data FROM updates WHERE pad_id = $id ORDER BY seq";
        logCommand.Parameters.AddWithValue("$id", id.ToString());
        var updates = new List<byte[]>();
        await using (var reader = await logCommand.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) updates.Add((byte[])reader.GetValue(0));
        }
        return new StoredPad(snapshot, updates);
    }

    /// <inheritdoc />
    public Task<bool> CreateAsync(PadId id, byte[] initialState, CancellationToken cancellationToken = default) =>
        _writer.Enqueue((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR IGNORE INTO pads (id, snapshot, created_at) VALUES ($id, $snapshot, $created)";
            command.Parameters.AddWithValue("$id", id.ToString());
            command.Parameters.AddWithValue("$snapshot", initialState);
            command.Parameters.AddWithValue("$created", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            return command.ExecuteNonQuery() == 1;
        });

    /// <inheritdoc />
    public Task AppendAsync(PadId id, byte[] update, CancellationToken cancellationToken = default) =>
        _writer.Enqueue((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO updates (pad_id, data) SELECT $id, $data WHERE EXISTS (SELECT 1 FROM pads WHERE id = $id)";
            command.Parameters.AddWithValue("$id", id.ToString());
            command.Parameters.AddWithValue("$data", update);
            if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"Pad {id} does not exist in the store.");
            return true;
        });

    /// <inheritdoc />
    public Task CompactAsync(PadId id, byte[] snapshot, CancellationToken cancellationToken = default) =>
        _writer.Enqueue((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE pads SET snapshot = $snapshot WHERE id = $id";
            command.Parameters.AddWithValue("$id", id.ToString());
            command.Parameters.AddWithValue("$snapshot", snapshot);
            if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"Pad {id} does not exist in the store.");
            command.CommandText = "DELETE FROM updates WHERE pad_id = $id";
            return command.ExecuteNonQuery();
        });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
