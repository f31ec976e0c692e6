using System.Text;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Core.Projections.Statements;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>
/// The strongest form of "read models are disposable": delete the read-model database's files (.db, -wal, -shm),
/// create it again, replay — and every column of every row is the same value of the same SQLite type, compared by
/// the test's own dump (quote() and typeof() per column), not by the code under test. The history covers every
/// event type, old schema versions and a forgotten owner included.
/// </summary>
[Trait("Proof", "Rebuild")]
public sealed class RebuildFromDeletedFilesTests
{
    private static readonly string[] Tables = ["balances", "statements", "account_history"];

    [Fact]
    public async Task Deleting_the_read_model_files_and_replaying_gives_every_column_the_same_typed_value()
    {
        await using var ledger = SqliteHarness.Create();
        await DemoLedger.SeedAsync(ledger.Store, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), ledger.Keys);
        var forgotten = await ForgetSomeoneAsync(ledger);
        await AssertEveryEventTypeIsInTheLogAsync(ledger.Store);

        var path = Path.Combine(ledger.Directory, "readmodels.db");
        var first = await ProjectAsync(ledger, path);
        Assert.DoesNotContain(forgotten, first, StringComparison.Ordinal); // the forgotten name is in no row

        var database = new ReadModelDatabase(path);
        database.ReleaseConnections();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
        Assert.False(File.Exists(path));

        var second = await ProjectAsync(ledger, path);

        Assert.Equal(first, second);
        Assert.Contains(":text", first, StringComparison.Ordinal); // the types are part of what is compared
        Assert.Contains(":integer", first, StringComparison.Ordinal);
    }

    /// <summary>Projects every read model into a new database at <paramref name="path"/> and returns the typed dump.</summary>
    private static async Task<string> ProjectAsync(SqliteHarness ledger, string path)
    {
        var database = new ReadModelDatabase(path);
        database.Migrate();
        await new ProjectionRunner<BalanceRow>(new BalancesProjection(), ledger.Store, database, ledger.Keys, TimeProvider.System).CatchUpAsync();
        await new ProjectionRunner<StatementRow>(new StatementsProjection(), ledger.Store, database, ledger.Keys, TimeProvider.System).CatchUpAsync();
        await new ProjectionRunner<HistoryRow>(new HistoryProjection(), ledger.Store, database, ledger.Keys, TimeProvider.System).CatchUpAsync();
        return TypedDump(database);
    }

    /// <summary>Every row of every read-model table, ordered by every column, each value as quote(v):typeof(v).</summary>
    private static string TypedDump(ReadModelDatabase database)
    {
        using var connection = database.Open();
        var dump = new StringBuilder();
        foreach (var table in Tables)
        {
            var columns = new List<string>();
            using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
                using var reader = info.ExecuteReader();
                while (reader.Read()) columns.Add(reader.GetString(0));
            }

            Assert.NotEmpty(columns);
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT {string.Join(" || ' | ' || ", columns.Select(c => $"quote({c}) || ':' || typeof({c})"))} FROM {table} ORDER BY {string.Join(", ", columns)}";
            using var all = rows.ExecuteReader();
            var count = 0;
            dump.Append('\'').Append(table).Append("'\n");
            while (all.Read())
            {
                dump.Append(all.GetString(0)).Append('\n');
                count++;
            }

            Assert.True(count > 0, $"{table} is empty");
        }

        return dump.ToString();
    }

    private static async Task<string> ForgetSomeoneAsync(SqliteHarness ledger)
    {
        var handler = new AccountCommandHandler(ledger.Store, TimeProvider.System, new LedgerNotifications(), ledger.Keys);
        var id = AccountId.New();
        Assert.IsType<CommandOutcome.Accepted>(await handler.HandleAsync(id, new OpenAccount("Forgettable Person", Plan.Basic, "EUR"), CommandContext.For("dana")));
        Assert.IsType<CommandOutcome.Accepted>(await handler.HandleAsync(id, new Deposit(12.5m), CommandContext.For("dana")));
        Assert.IsType<CommandOutcome.Accepted>(await handler.HandleAsync(id, new ForgetOwner(), CommandContext.For("dana")));
        Assert.True(ledger.Keys.Forget(id.Value));
        return "Forgettable Person";
    }

    private static async Task AssertEveryEventTypeIsInTheLogAsync(IEventStoreReader reader)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var page in reader.ReadAllPagesAsync()) seen.UnionWith(page.Select(e => $"{e.EventType} v{e.SchemaVersion}"));
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            "AccountOpened v1", "MoneyDeposited v1", "MoneyDeposited v2", "MoneyWithdrawn v1", "PlanChanged v1", "AccountClosed v1", "OwnerForgotten v1",
        }, seen);
    }
}
