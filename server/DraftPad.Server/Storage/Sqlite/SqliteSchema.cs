using Microsoft.Data.Sqlite;

namespace DraftPad.Server.Storage.Sqlite;

/// <summary>Creates the tables and sets the pragmas durability depends on.</summary>
internal static class SqliteSchema
{
    // WAL lets readers run beside the single writer; synchronous=FULL syncs the WAL on every
    // commit, so a committed append survives a crash of the process and of the machine.
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS pads (
            id         TEXT PRIMARY KEY,
            snapshot   BLOB,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS updates (
            seq    INTEGER PRIMARY KEY AUTOINCREMENT,
            pad_id TEXT NOT NULL REFERENCES pads(id),
            data   BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS updates_by_pad ON updates(pad_id, seq);
        CREATE TABLE IF NOT EXISTS images (
            pad_id       TEXT NOT NULL REFERENCES pads(id),
            name         TEXT NOT NULL,
            content_type TEXT NOT NULL,
            content      BLOB NOT NULL,
            PRIMARY KEY (pad_id, name)
        );
        """;

    public static SqliteConnection Open(string connectionString, bool forWriting)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = forWriting ? Pragmas + Tables : "PRAGMA busy_timeout=5000;";
        command.ExecuteNonQuery();
        return connection;
    }
}
