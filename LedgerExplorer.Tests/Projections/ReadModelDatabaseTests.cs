using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Tests.Projections;

/// <summary>
/// The read-model file's own lifecycle: its WAL truncated after a forget (so no superseded page is left in it), and
/// its files deleted — by another process's connection or not — so that a read model started again at the same path
/// is empty.
/// </summary>
public sealed class ReadModelDatabaseTests : IAsyncLifetime
{
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();

    private ReadModelDatabase Database => _readModels.Database;

    public async ValueTask InitializeAsync()
    {
        var writer = new LedgerWriter(_ledger.Store, _ledger.Keys, new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero));
        var id = AccountId.New();
        await writer.Do(id, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        await writer.Do(id, new Deposit(10m));
        await _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys).CatchUpAsync();
    }

    [Fact]
    public async Task Truncating_the_wal_leaves_it_empty_with_the_rows_in_the_database()
    {
        Assert.True(new FileInfo(Database.Path + "-wal").Length > 0); // the batch's pages are in the WAL

        await Database.TruncateWalAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, new FileInfo(Database.Path + "-wal").Length);
        Assert.Equal(1L, Count("balances"));
    }

    [Fact]
    public async Task A_reader_that_stays_busy_makes_truncation_fail_by_name_within_its_bounds_and_once_it_is_gone_truncation_succeeds()
    {
        using var reader = Outside();
        using var snapshot = reader.BeginTransaction(deferred: true);
        using (var read = reader.CreateCommand())
        {
            read.Transaction = snapshot;
            read.CommandText = "SELECT count(*) FROM balances"; // a read transaction on the WAL: its frames may not be dropped yet
            Assert.Equal(1L, read.ExecuteScalar());
        }

        var refused = await Assert.ThrowsAsync<IOException>(() => Database.TruncateWalAsync(TestContext.Current.CancellationToken));

        Assert.Equal("The read-model WAL could not be truncated: readers stayed busy.", refused.Message);
        Assert.True(new FileInfo(Database.Path + "-wal").Length > 0);
        snapshot.Rollback();
        await Database.TruncateWalAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, new FileInfo(Database.Path + "-wal").Length);
    }

    [Fact]
    public void Deleting_the_files_while_another_process_holds_them_leaves_none_and_a_read_model_started_again_there_is_empty()
    {
        using (var other = Outside())
        using (var read = other.CreateCommand())
        {
            // A connection this pool does not own keeps the WAL and its index on disk (the last connection to close
            // would otherwise remove them itself); SQLite touches the file only at the first statement, so it reads.
            read.CommandText = "SELECT count(*) FROM balances";
            Assert.Equal(1L, read.ExecuteScalar());
            Assert.All(new[] { "", "-wal", "-shm" }, suffix => Assert.True(File.Exists(Database.Path + suffix), suffix));

            Database.DeleteFiles();

            Assert.All(new[] { "", "-wal", "-shm" }, suffix => Assert.False(File.Exists(Database.Path + suffix), suffix));
        }

        // Started again at the same path: no pooled connection to the deleted file is handed out again (one would
        // still see the deleted file's tables).
        using (var reopened = Database.Open())
        using (var tables = reopened.CreateCommand())
        {
            tables.CommandText = "SELECT count(*) FROM sqlite_master";
            Assert.Equal(0L, tables.ExecuteScalar());
        }

        Database.Migrate();
        Assert.Equal(0L, Count("balances"));
        Assert.Equal(0, new CheckpointStore(Database, BalancesProjection.ProjectionName, TimeProvider.System).Read());
    }

    private SqliteConnection Outside()
    {
        var connection = new SqliteConnection($"Data Source={Database.Path};Pooling=False");
        connection.Open();
        return connection;
    }

    private long Count(string table)
    {
        using var connection = Database.Open();
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {table}";
        return (long)count.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }
}
