using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// The read-model database file. It is disposable: everything in it can be rebuilt from the log. That
/// is why <c>synchronous=NORMAL</c> is enough here — a commit lost to a power cut takes its checkpoint
/// with it (they share one transaction), so the runner simply applies those events again.
/// </summary>
public sealed class ReadModelDatabase(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();

    public void Migrate()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        using (var context = CreateContext())
        {
            Sqlite.SqliteMigrations.Apply(context);
        }

        using var connection = Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        wal.ExecuteNonQuery();
    }

    public ReadModelDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<ReadModelDbContext>().UseSqlite(ConnectionString).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options);

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // secure_delete: bytes a row no longer needs (an owner's name after a forget) are overwritten, not just freed.
        // busy_timeout: the projector process and the App (snapshots, rebuilds) write here too; SQLite's own busy
        // handler waits in 1–25 ms steps, where Microsoft.Data.Sqlite's fallback sleeps 150 ms (measured: p99 lag 148 → 20 ms).
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Copies the WAL into the database and truncates it, so no superseded page survives in the -wal file. Waits for
    /// readers a bounded time — 20 tries, each waiting up to 100 ms, 25 ms apart — and then says so, rather than
    /// leaving a forget hanging behind a reader for the 30 s per try that writers wait.
    /// </summary>
    public async Task TruncateWalAsync(CancellationToken cancellationToken = default)
    {
        // Stryker disable once Equality : one attempt more or less is pacing
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using (var connection = Open())
            using (var checkpoint = connection.CreateCommand())
            {
                // The checkpoint waits for readers in SQLite's busy handler; Open's busy_timeout is set again on the next Open.
                checkpoint.CommandText = "PRAGMA busy_timeout=100;";
                checkpoint.ExecuteNonQuery();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                using var result = checkpoint.ExecuteReader();
                if (result.Read() && result.GetInt32(0) == 0) return; // busy = 0: done
            }

            // Stryker disable once Statement : pacing — how long between attempts, not whether one succeeds
            await Task.Delay(25, cancellationToken);
        }

        throw new IOException("The read-model WAL could not be truncated: readers stayed busy.");
    }

    /// <summary>Closes this file's pooled connections (and only this file's).</summary>
    public void ReleaseConnections() => SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));

    public void DeleteFiles()
    {
        ReleaseConnections(); // this file's pool only: other ledgers in this process (a walkthrough sandbox) keep theirs
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path + suffix);
    }
}
