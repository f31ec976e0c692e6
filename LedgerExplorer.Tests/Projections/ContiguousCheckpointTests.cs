using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>
/// "Never skips": whatever is delivered, a projection applies the log exactly in order from checkpoint + 1, so
/// the read model always equals a fresh fold of the log. Each test here was a way to lose events for good.
/// </summary>
[Trait("Proof", "Idempotency")]
public sealed class ContiguousCheckpointTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();

    public async ValueTask InitializeAsync() => await DemoLedger.SeedAsync(_ledger.Store, Start, _ledger.Keys);

    [Fact]
    public async Task Redelivering_a_position_past_the_checkpoint_catches_up_in_order_and_skips_nothing()
    {
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        await runner.CatchUpAsync();
        var id = AccountId.New();
        var writer = new LedgerWriter(_ledger.Store, _ledger.Keys, Start.AddYears(1));
        await writer.Do(id, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        await writer.Do(id, new Deposit(10m));
        await writer.Do(id, new Deposit(20m));
        var last = await writer.Do(id, new Deposit(40m));

        var redelivery = await runner.RedeliverAsync(last.Position);

        Assert.True(redelivery.Applied);
        Assert.Equal(last.Position, (await runner.GetStatusAsync()).Checkpoint);
        Assert.Equal(await FreshFoldAsync(), runner.Dump());
        Assert.Contains("70.00", runner.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_read_before_a_rebuild_emptied_the_read_model_is_not_applied_onto_it()
    {
        var rebuilder = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        await rebuilder.CatchUpAsync();
        var writer = new LedgerWriter(_ledger.Store, _ledger.Keys, Start.AddYears(1));
        var id = AccountId.New();
        await writer.Do(id, new OpenAccount("Grace Hopper", Plan.Plus, "USD"));
        await writer.Do(id, new Deposit(5m));

        // The child projector reads its next batch; before it commits, the App's rebuild empties the table and
        // resets the checkpoint to 0. The batch it holds now starts far past checkpoint + 1.
        var emptied = false;
        var reader = new HookedReader(_ledger.Store, async () =>
        {
            if (emptied) return;
            emptied = true;
            await EmptyAsync();
        });
        var projector = _readModels.Runner(new BalancesProjection(), reader, _ledger.Keys);
        await projector.CatchUpAsync();

        var status = await projector.GetStatusAsync();
        Assert.True(emptied);
        Assert.Null(status.Error);
        Assert.Equal(await _ledger.Store.ReadHeadPositionAsync(), status.Checkpoint);
        Assert.Equal(await FreshFoldAsync(), projector.Dump());
    }

    private async Task EmptyAsync()
    {
        using var connection = _readModels.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM balances; UPDATE projection_checkpoints SET position = 0 WHERE name = 'balances';";
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> FreshFoldAsync()
    {
        using var reference = new ReadModelHarness();
        var clean = reference.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        await clean.CatchUpAsync();
        return clean.Dump();
    }

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }

    /// <summary>A reader that runs <paramref name="afterRead"/> after each page it hands out (to step in between a read and its commit).</summary>
    private sealed class HookedReader(IEventStoreReader inner, Func<Task> afterRead) : DelegatingReader(inner)
    {
        public override async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
        {
            var page = await base.ReadAllAsync(fromPosition, maxCount, cancellationToken);
            if (page.Count > 0 && fromPosition > 1) await afterRead();
            return page;
        }
    }
}
