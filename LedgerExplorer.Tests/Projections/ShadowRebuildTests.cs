using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>
/// The blue/green rebuild's two harder paths: the live read model moving past the copy before the switch (the copy
/// catches up and tries again, so the switch never goes back in time), and a rebuild after the code that stopped at a
/// poison event was fixed (the error is forgotten with the rows it left, and the projection goes on).
/// The log here: Ada's account opened (1) and deposits of 1, 2, 4 and 8 (2–5).
/// </summary>
[Trait("Proof", "Rebuild")]
public sealed class ShadowRebuildTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();
    private readonly AccountId _ada = AccountId.New();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30)); // a switch that never happens fails, not hangs
    private LedgerWriter _writer = null!;

    public async ValueTask InitializeAsync()
    {
        _writer = new LedgerWriter(_ledger.Store, _ledger.Keys, Start);
        await _writer.Do(_ada, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        foreach (var amount in new[] { 1m, 2m, 4m, 8m }) await _writer.Do(_ada, new Deposit(amount));
    }

    [Fact]
    public async Task When_the_live_rows_move_past_the_copy_before_the_switch_the_copy_catches_up_and_switches_at_the_head()
    {
        var projector = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys); // applies to the live rows meanwhile
        await projector.CatchUpAsync();
        var looked = 0;
        var log = new BeforeHead(_ledger.Store, async () =>
        {
            if (++looked > 1) return;
            // The copy has all five; before the rebuild compares it with the head, three more arrive and the projector applies them.
            foreach (var amount in new[] { 16m, 32m, 64m }) await _writer.Do(_ada, new Deposit(amount));
            await projector.CatchUpAsync();
        });
        var rebuilding = _readModels.Runner(new BalancesProjection(), log, _ledger.Keys);

        var rebuilt = await rebuilding.RebuildAsync(cancellationToken: _timeout.Token);

        Assert.Equal(2, looked); // it looked at the head, caught up, looked again
        Assert.Equal(8, rebuilt.Events); // five, then three
        Assert.Equal(8, (await rebuilding.GetStatusAsync()).Checkpoint); // not back at five
        Assert.Contains("\tEUR\t127.00\t", rebuilding.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_behind_the_head_but_not_behind_the_live_rows_switches_at_once_rather_than_chase_a_growing_log()
    {
        await _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys).CatchUpAsync(); // the live rows at 5
        var looked = 0;
        var log = new BeforeHead(_ledger.Store, async () =>
        {
            if (++looked <= 3) await _writer.Do(_ada, new Deposit(16m)); // the log keeps growing; the projector applies it later
        });
        var rebuilding = _readModels.Runner(new BalancesProjection(), log, _ledger.Keys);

        var rebuilt = await rebuilding.RebuildAsync(cancellationToken: _timeout.Token);

        Assert.Equal(1, looked); // the copy (5) was not behind the live rows (5): switched, though the head was 6
        Assert.Equal(5, rebuilt.Events);
        Assert.Equal(5, (await rebuilding.GetStatusAsync()).Checkpoint);
    }

    [Fact]
    public async Task A_rebuild_after_the_poison_event_was_fixed_forgets_the_error_and_the_projection_goes_on()
    {
        var projection = new PoisonedAt(3);
        var runner = _readModels.Runner(projection, _ledger.Store, _ledger.Keys);
        await Assert.ThrowsAsync<ProjectionFailedException>(() => runner.CatchUpAsync());
        Assert.Equal("stopped", (await runner.GetStatusAsync()).State);

        projection.Fixed = true; // the fix is deployed
        await runner.RebuildAsync(cancellationToken: _timeout.Token);

        var rebuilt = await runner.GetStatusAsync();
        Assert.Null(rebuilt.Error);
        Assert.Equal(5, rebuilt.Checkpoint);
        Assert.Equal("caught up", rebuilt.State);
        await _writer.Do(_ada, new Deposit(16m));
        Assert.Equal(1, await runner.CatchUpAsync()); // no longer stopped
        Assert.Contains("\tEUR\t31.00\t", runner.Dump(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _timeout.Dispose();
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }

    /// <summary>The balances projection with a bug at one position, until <see cref="Fixed"/>.</summary>
    private sealed class PoisonedAt(long position) : IProjection<BalanceRow>
    {
        private readonly BalancesProjection _inner = new();

        public bool Fixed { get; set; }

        public string Name => "balances";

        public IReadModelTable<BalanceRow> Table => _inner.Table;

        public IEnumerable<BalanceRow> Apply(ProjectedEvent e, IRowSet<BalanceRow> rows) =>
            e.Position == position && !Fixed ? throw new InvalidOperationException("a bug") : _inner.Apply(e, rows);
    }

    /// <summary>Runs <paramref name="beforeHead"/> each time the head is asked for, before answering.</summary>
    private sealed class BeforeHead(IEventStoreReader inner, Func<Task> beforeHead) : DelegatingReader(inner)
    {
        public override async Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
        {
            await beforeHead();
            return await base.ReadHeadPositionAsync(cancellationToken);
        }
    }
}
