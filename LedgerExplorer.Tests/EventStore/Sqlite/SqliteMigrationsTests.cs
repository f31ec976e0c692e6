using LedgerExplorer.Core.Sqlite;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

/// <summary>A process killed while holding EF Core's SQLite migration lock must not make every later start hang.</summary>
public sealed class SqliteMigrationsTests
{
    [Fact]
    public async Task A_migration_lock_left_by_a_killed_process_does_not_stop_the_next_start()
    {
        using var directory = new TempDirectory();
        var database = new ReadModelDatabase(directory.File("readmodels.db"));
        database.Migrate();
        Execute(database.ConnectionString, """CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL PRIMARY KEY, "Timestamp" TEXT NOT NULL); INSERT OR REPLACE INTO "__EFMigrationsLock" VALUES (1, '2026-11-30T00:00:00.0000000+00:00')""");

        var start = Task.Run(database.Migrate, TestContext.Current.CancellationToken); // nothing pending: no lock wanted

        Assert.Same(start, await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken)));
        await start;
    }

    [Fact]
    public void A_lock_older_than_a_migration_could_take_is_cleared_and_a_fresh_one_is_left_alone()
    {
        using var directory = new TempDirectory();
        var connectionString = new SqliteConnectionStringBuilder { DataSource = directory.File("x.db") }.ToString();
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        Execute(connectionString, """CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL PRIMARY KEY, "Timestamp" TEXT NOT NULL)""");

        Execute(connectionString, $"""INSERT INTO "__EFMigrationsLock" VALUES (1, '{now.AddSeconds(-30):O}')""");
        Assert.False(SqliteMigrations.ClearStaleLock(connectionString, now));

        Execute(connectionString, $"""UPDATE "__EFMigrationsLock" SET "Timestamp" = '{now.AddMinutes(-10):O}'""");
        Assert.True(SqliteMigrations.ClearStaleLock(connectionString, now));
        Assert.False(SqliteMigrations.ClearStaleLock(connectionString, now));
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
