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
    public Task SaveImageAsync(PadId id, StoredImage image, CancellationToken cancellationToken = default) =>
        _writer.Enqueue((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "INSERT INTO images (pad_id, name, content_type, content) SELECT $id, $name, $type, $content " +
                "WHERE EXISTS (SELECT 1 FROM pads WHERE id = $id) " +
                "ON CONFLICT (pad_id, name) DO UPDATE SET content_type = excluded.content_type, content = excluded.content";
            command.Parameters.AddWithValue("$id", id.ToString());
            command.Parameters.AddWithValue("$name", image.Name);
            command.Parameters.AddWithValue("$type", image.ContentType);
            command.Parameters.AddWithValue("$content", image.Content);
            if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"Pad {id} does not exist in the store.");
            return true;
        });

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredImage>> ListImagesAsync(PadId id, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteSchema.Open(_connectionString, forWriting: false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, content_type, length(content) FROM images WHERE pad_id = $id ORDER BY name";
        command.Parameters.AddWithValue("$id", id.ToString());
        var images = new List<StoredImage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            images.Add(new StoredImage(reader.GetString(0), reader.GetString(1), [], reader.GetInt64(2)));
        }
        return images;
    }

    /// <inheritdoc />
    public async Task<StoredImage?> GetImageAsync(PadId id, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = SqliteSchema.Open(_connectionString, forWriting: false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content_type, content FROM images WHERE pad_id = $id AND name = $name";
        command.Parameters.AddWithValue("$id", id.ToString());
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var content = (byte[])reader.GetValue(1);
        return new StoredImage(name, reader.GetString(0), content, content.LongLength);
    }

    /// <inheritdoc />
    public Task<bool> DeleteImageAsync(PadId id, string name, CancellationToken cancellationToken = default) =>
        _writer.Enqueue((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM images WHERE pad_id = $id AND name = $name";
            command.Parameters.AddWithValue("$id", id.ToString());
            command.Parameters.AddWithValue("$name", name);
            return command.ExecuteNonQuery() == 1;
        });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        // Pooled connections keep the file open; release them so the folder can be reused or removed.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
