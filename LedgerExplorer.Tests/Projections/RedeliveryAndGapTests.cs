using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>
/// "Never skips", at its edges: a redelivery moves the checkpoint exactly to the delivered position and no further; a
/// position with no event is refused; and a log with a hole in it stops the projection at the hole rather than
/// folding past it. The log here: Ada's account opened (1) and four deposits of 1, 2, 4 and 8 (2–5).
/// </summary>
[Trait("Proof", "Idempotency")]
public sealed class RedeliveryAndGapTests : IAsyncLifetime
{
    private const string GapMessage = "The log has no event at position 3, after the checkpoint; a projection never skips one.";
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30)); // a runner that never gives up waiting fails, not hangs

    public async ValueTask InitializeAsync()
    {
        var writer = new LedgerWriter(_ledger.Store, _ledger.Keys, new DateTimeOffset(2026, 2, 1, 12, 0, 0, TimeSpan.Zero));
        var id = AccountId.New();
        await writer.Do(id, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        foreach (var amount in new[] { 1m, 2m, 4m, 8m }) await writer.Do(id, new Deposit(amount));
    }

    [Fact]
    public async Task Redelivering_a_position_in_the_middle_applies_up_to_it_and_not_one_event_further()
    {
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        Assert.Equal(1, (await runner.RedeliverAsync(1, _timeout.Token)).AppliedCount); // the checkpoint at 1

        var redelivery = await runner.RedeliverAsync(3, _timeout.Token);

        Assert.Equal(3, (await runner.GetStatusAsync()).Checkpoint);
        Assert.Contains("\tEUR\t3.00\t", runner.Dump(), StringComparison.Ordinal); // 1 + 2: the deposits at 4 and 5 not yet
        Assert.True(redelivery.Applied);
        Assert.Equal(2, redelivery.AppliedCount);
        Assert.Equal("Position 3 was past the checkpoint 1: the runner never jumps, so it applied every event from 2 to 3 in order (2 events).", redelivery.Explanation);

        var again = await runner.RedeliverAsync(2, _timeout.Token);
        Assert.False(again.Applied);
        Assert.Equal(0, again.AppliedCount);
        Assert.Equal(again.HashBefore, again.HashAfter);
        Assert.Equal("Position 2 is at or below the checkpoint 3: it was already applied, so the runner skipped it and the rows are unchanged.", again.Explanation);
    }

    [Theory]
    [InlineData(0)] // before the first event: a read from 0 answers the event at 1
    [InlineData(6)] // past the head
    public async Task Redelivering_a_position_that_holds_no_event_is_refused_by_name(long position)
    {
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runner.RedeliverAsync(position, _timeout.Token));

        Assert.Equal("position", refused.ParamName);
        Assert.StartsWith("There is no event at that position.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await runner.GetStatusAsync()).Checkpoint);
    }

    [Fact]
    public async Task Catching_up_over_a_hole_in_the_log_stops_at_the_hole_with_the_events_before_it_applied()
    {
        var runner = _readModels.Runner(new BalancesProjection(), new HoleAt(_ledger.Store, 3), _ledger.Keys);

        var stopped = await Assert.ThrowsAsync<ProjectionFailedException>(() => runner.CatchUpAsync(cancellationToken: _timeout.Token));

        Assert.Equal(3, stopped.Position);
        Assert.Equal($"Projection 'balances' stopped at position 3: {GapMessage}", stopped.Message);
        var status = await runner.GetStatusAsync();
        Assert.Equal(2, status.Checkpoint);
        Assert.Equal(3, status.Error?.Position);
        Assert.Equal(GapMessage, status.Error?.Message);
        Assert.Equal(2, status.LastBatch?.Events); // the open and the first deposit; not the two past the hole
        Assert.Contains("\tEUR\t1.00\t", runner.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redelivering_past_a_hole_stops_at_the_hole_too()
    {
        var runner = _readModels.Runner(new BalancesProjection(), new HoleAt(_ledger.Store, 3), _ledger.Keys);

        var stopped = await Assert.ThrowsAsync<ProjectionFailedException>(() => runner.RedeliverAsync(5, _timeout.Token));

        Assert.Equal(3, stopped.Position);
        Assert.Equal(2, (await runner.GetStatusAsync()).Checkpoint);
    }

    [Fact]
    public async Task A_redelivery_whose_catch_up_another_process_finished_first_is_not_taken_for_a_hole()
    {
        var other = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys); // the child projector, say
        var reads = 0;
        var log = new AfterRead(_ledger.Store, async () =>
        {
            if (++reads == 2) await other.CatchUpAsync(); // between the redelivery's catch-up read and its commit
        });
        var runner = _readModels.Runner(new BalancesProjection(), log, _ledger.Keys);

        var redelivery = await runner.RedeliverAsync(5, _timeout.Token);

        Assert.Equal(2, reads);
        Assert.False(redelivery.Applied); // the other applied all five; this one nothing, and that is no hole
        var status = await runner.GetStatusAsync();
        Assert.Null(status.Error);
        Assert.Equal(5, status.Checkpoint);
        Assert.Contains("\tEUR\t15.00\t", runner.Dump(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _timeout.Dispose();
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }

    /// <summary>The log as a broken reader (or a purged stream) would serve it: the event at one position missing.</summary>
    private sealed class HoleAt(IEventStoreReader inner, long hole) : DelegatingReader(inner)
    {
        public override async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
            [.. (await base.ReadAllAsync(fromPosition, maxCount, cancellationToken)).Where(e => e.Position != hole)];
    }

    /// <summary>Runs <paramref name="afterRead"/> after each page it hands out.</summary>
    private sealed class AfterRead(IEventStoreReader inner, Func<Task> afterRead) : DelegatingReader(inner)
    {
        public override async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
        {
            var page = await base.ReadAllAsync(fromPosition, maxCount, cancellationToken);
            await afterRead();
            return page;
        }
    }
}
