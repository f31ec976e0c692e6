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
            context.Database.Migrate();
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
        pragma.CommandText = "PRAGMA synchronous=NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public void DeleteFiles()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path + suffix);
    }
}
