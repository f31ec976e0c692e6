using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.Core.Sqlite;

/// <summary>
/// Applying EF Core migrations to any of the ledger's SQLite files (log, read models, keys) in processes that can be killed. EF Core's SQLite migration lock is a row in
/// <c>__EFMigrationsLock</c>, deleted when the migration ends; a process SIGKILLed while holding it leaves the row,
/// and every later <c>Migrate()</c> waits for it forever (dotnet/efcore#38958 and friends). Here the App and the
/// Projector both migrate at start and both are killed on purpose by the tests, so: take the lock only when a
/// migration is actually pending, and treat a lock older than <see cref="StaleAfter"/> as abandoned.
/// </summary>
public static class SqliteMigrations
{
    /// <summary>No migration of these small schemas takes anywhere near this long.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public static void Apply(DbContext context, TimeProvider? clock = null)
    {
        if (!context.Database.GetPendingMigrations().Any()) return; // nothing to do: no lock taken, none to orphan
        ClearStaleLock(context.Database.GetConnectionString()!, (clock ?? TimeProvider.System).GetUtcNow());
        context.Database.Migrate();
    }

    /// <summary>Deletes a migration lock taken longer ago than <see cref="StaleAfter"/>. Returns whether it did.</summary>
    public static bool ClearStaleLock(string connectionString, DateTimeOffset now)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
        if (find.ExecuteScalar() is null) return false;

        find.CommandText = "SELECT \"Timestamp\" FROM \"__EFMigrationsLock\" WHERE \"Id\" = 1";
        if (find.ExecuteScalar() is not string taken) return false;
        if (DateTimeOffset.TryParse(taken, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && now - at < StaleAfter) return false;

        using var clear = connection.CreateCommand();
        clear.CommandText = "DELETE FROM \"__EFMigrationsLock\" WHERE \"Id\" = 1";
        return clear.ExecuteNonQuery() == 1;
    }
}
