using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

[Trait("Proof", "Rebuild")]
public sealed class RebuildProofTests
{
    [Fact]
    public async Task Dropping_the_balances_read_model_and_replaying_twelve_thousand_events_gives_the_same_bytes()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var events = await GeneratedHistory.WriteAccountsAsync(ledger.Store, ledger.Keys, accounts: 120, eventsPerAccount: 100, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(7));
        Assert.True(events >= 10_000);
        var runner = readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys);
        await runner.CatchUpAsync();
        var before = runner.Dump();

        var rebuild = await runner.RebuildAsync();

        var after = runner.Dump();
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(before), System.Text.Encoding.UTF8.GetBytes(after));
        Assert.Equal(120, before.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(ReadModelDump.Sha256(before), rebuild.HashBefore);
        Assert.Equal(ReadModelDump.Sha256(after), rebuild.HashAfter);
        Assert.True(rebuild.Identical);
        Assert.Equal(events, rebuild.Events);
        TestContext.Current.TestOutputHelper?.WriteLine($"before {rebuild.HashBefore}\nafter  {rebuild.HashAfter}\n{rebuild.Events} events in {rebuild.ElapsedMs:N0} ms");
    }

    [Fact]
    public async Task A_rebuild_empties_the_rows_first_so_a_corrupted_read_model_is_repaired()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        await GeneratedHistory.WriteAccountsAsync(ledger.Store, ledger.Keys, accounts: 5, eventsPerAccount: 20, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(7));
        var runner = readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys);
        await runner.CatchUpAsync();
        var good = runner.Dump();
        using (var connection = readModels.Database.Open())
        using (var vandal = connection.CreateCommand())
        {
            vandal.CommandText = "UPDATE balances SET balance = '999999.99'; INSERT INTO balances VALUES ('ghost','Ghost','Basic','EUR','1.00','Open',1,1,'2026-01-01T00:00:00.0000000Z')";
            vandal.ExecuteNonQuery();
        }

        var rebuild = await runner.RebuildAsync();

        Assert.False(rebuild.Identical);
        Assert.Equal(good, runner.Dump());
    }

    [Fact]
    public async Task A_projection_that_throws_stops_at_that_event_with_the_error_recorded()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        await GeneratedHistory.WriteAccountsAsync(ledger.Store, ledger.Keys, accounts: 3, eventsPerAccount: 10, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(7));
        var runner = readModels.Runner(new ThrowsAt(17), ledger.Store, ledger.Keys, batchSize: 5);

        var failure = await Assert.ThrowsAsync<ProjectionFailedException>(() => runner.CatchUpAsync());

        Assert.Equal(17, failure.Position);
        var status = await runner.GetStatusAsync();
        Assert.Equal(15, status.Checkpoint); // the batches before it committed; the batch holding 17 did not
        Assert.Equal(17, status.Error?.Position);
        Assert.Contains("bad event", status.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("MoneyDeposited v2", status.Error.Message, StringComparison.Ordinal); // which event: its type, at its position
        Assert.Equal("stopped", status.State);
        Assert.Equal(0, await runner.CatchUpAsync()); // stopped: it does not skip past the error
    }

    /// <summary>The balances projection, except that one position makes it throw.</summary>
    private sealed class ThrowsAt(long position) : IProjection<BalanceRow>
    {
        private readonly BalancesProjection _inner = new();

        public string Name => "throws";

        public IReadModelTable<BalanceRow> Table => _inner.Table;

        public IEnumerable<BalanceRow> Apply(ProjectedEvent e, IRowSet<BalanceRow> rows) =>
            e.Position == position ? throw new InvalidOperationException("bad event") : _inner.Apply(e, rows);
    }
}
