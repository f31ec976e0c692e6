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

    /// <summary>
    /// A file beside the log naming this incarnation of it (a random id, written when the log is created). Starting
    /// over deletes it with the log, so every process can tell — before it writes, or reads through a pooled
    /// connection — that the file it opened is no longer the ledger (a fence across processes).
    /// </summary>
    public string GenerationPath => Path + ".generation";

    public string ReadGeneration()
    {
        try
        {
            return File.ReadAllText(GenerationPath);
        }
        catch (FileNotFoundException)
        {
            // Stryker disable once String : equivalent — any fixed text reads as "never started over"; a start-over writes a new GUID
            return "";
        }
    }

    /// <summary>Applies the EF Core migrations and turns on WAL (a property of the file, so once is enough).</summary>
    public void Migrate()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        try
        {
            // The first process to create the log names it; a second racing it keeps the first's name.
            using var generation = new FileStream(GenerationPath, FileMode.CreateNew, FileAccess.Write);
            generation.Write(System.Text.Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N")));
        }
        catch (IOException) when (File.Exists(GenerationPath))
        {
        }

        using (var context = new LedgerDbContext(new DbContextOptionsBuilder<LedgerDbContext>().UseSqlite(ConnectionString).Options))
        {
            SqliteMigrations.Apply(context);
        }

        EventChainBackfill.Run(ConnectionString);

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
        foreach (var suffix in new[] { "", "-wal", "-shm", ".generation" })
        {
            File.Delete(Path + suffix);
        }
    }
}
