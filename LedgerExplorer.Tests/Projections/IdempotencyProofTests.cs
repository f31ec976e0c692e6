using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

[Trait("Proof", "Idempotency")]
public sealed class IdempotencyProofTests : IAsyncLifetime
{
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();

    public async ValueTask InitializeAsync() => await DemoLedger.SeedAsync(_ledger.Store, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), _ledger.Keys);

    [Fact]
    public async Task Delivering_an_event_again_leaves_the_read_model_byte_identical_because_the_checkpoint_blocks_it()
    {
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        await runner.CatchUpAsync();
        var once = runner.Dump();
        var head = await _ledger.Store.ReadHeadPositionAsync();

        foreach (var position in new[] { 1L, 2L, head / 2, head })
        {
            var redelivery = await runner.RedeliverAsync(position);

            Assert.False(redelivery.Applied);
            Assert.Equal(head, redelivery.Checkpoint);
            Assert.Equal(redelivery.HashBefore, redelivery.HashAfter);
        }

        Assert.Equal(once, runner.Dump());

        // What the checkpoint prevented: the same deposit folded in a second time moves the balance again.
        var deposit = (await _ledger.Store.ReadAllAsync(1, (int)head)).First(e => e.EventType == "MoneyDeposited");
        var projected = ProjectedEvent.From(deposit, _ledger.Keys)!;
        var rows = new RowOverlay<BalanceRow>(new BalancesTableReader(_readModels.Database).All());
        var appliedTwice = new BalancesProjection().Apply(projected, rows).Single();
        Assert.NotEqual(rows.Find(projected.AccountId.Value)!.Balance, appliedTwice.Balance);
    }

    [Fact]
    public async Task A_failure_after_the_rows_are_written_but_before_commit_moves_nothing_and_a_retry_applies_the_batch_exactly_once()
    {
        var fail = true;
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys, batchSize: 100,
            beforeCommit: () => fail ? throw new IOException("injected: the disk went away before commit") : Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(() => runner.CatchUpAsync());

        Assert.Equal(0, (await runner.GetStatusAsync()).Checkpoint);
        Assert.Equal("", runner.Dump());

        fail = false;
        await runner.CatchUpAsync();

        var reference = new ReadModelHarness();
        var clean = reference.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        await clean.CatchUpAsync();
        Assert.Equal(clean.Dump(), runner.Dump());
        Assert.Equal(await _ledger.Store.ReadHeadPositionAsync(), (await runner.GetStatusAsync()).Checkpoint);
        reference.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }

    /// <summary>Reads the committed rows straight from the database (not through the runner's cache).</summary>
    private sealed class BalancesTableReader(ReadModelDatabase database)
    {
        public Dictionary<string, BalanceRow> All()
        {
            using var connection = database.Open();
            return new BalancesProjection().Table.LoadAll(connection).ToDictionary(r => r.Key);
        }
    }
}
