using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using LedgerExplorer.Core.Sqlite;

namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>The event log's SQLite file: where it is, how connections to it are made, and bringing its schema up to date.</summary>
public sealed class SqliteLedgerDatabase(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Path,
        Pooling = true,
        DefaultTimeout = 30, // seconds a writer waits for another writer's lock before giving up
    }.ToString();

    /// <summary>Applies the EF Core migrations and turns on WAL (a property of the file, so once is enough).</summary>
    public void Migrate()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using (var context = new LedgerDbContext(new DbContextOptionsBuilder<LedgerDbContext>().UseSqlite(ConnectionString).Options))
        {
            SqliteMigrations.Apply(context);
        }

        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        wal.ExecuteNonQuery();
    }

    /// <summary>Closes this file's pooled connections (and only this file's).</summary>
    public void ReleaseConnections() => SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));

    /// <summary>Deletes the database and its WAL files. Used only to start a fresh demo ledger, never to edit one.</summary>
    public void DeleteFiles()
    {
        ReleaseConnections(); // this file's pool only: other ledgers in this process (a walkthrough sandbox) keep theirs
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
