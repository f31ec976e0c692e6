using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using static LedgerExplorer.Tests.Support.TestEvents; // T0: 2026-03-01 09:00:00 UTC

namespace LedgerExplorer.Tests.Projections;

/// <summary>What a projection's status says: its lag in time (how long the oldest unapplied event has waited) and its state's words.</summary>
public sealed class ProjectionStatusTests
{
    [Fact]
    public async Task The_time_lag_is_how_long_the_oldest_event_not_yet_applied_has_waited_and_a_caught_up_status_reads_no_events()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var writer = new LedgerWriter(ledger.Store, ledger.Keys, T0);
        var id = AccountId.New();
        ledger.Clock.Set(T0);
        await writer.Do(id, new OpenAccount("Ada", Plan.Basic, "EUR")); // position 1, recorded 09:00:00
        await readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys).CatchUpAsync();
        ledger.Clock.Set(T0.AddSeconds(10));
        await writer.Do(id, new Deposit(5m)); // position 2, recorded 09:00:10: the oldest not applied
        ledger.Clock.Set(T0.AddSeconds(20));
        await writer.Do(id, new Deposit(7m)); // position 3, recorded 09:00:20

        var reads = new CountingReader(ledger.Store);
        var statusClock = new SteppedClock(T0.AddMinutes(1)); // asked at 09:01:00
        var status = await StatusReader(readModels, reads, statusClock).ReadAsync();

        Assert.Equal((1L, 3L, 2L), (status.Checkpoint, status.Head, status.LagEvents));
        Assert.Equal(50_000.0, status.LagMs); // 09:01:00 − 09:00:10, not from position 1 (60 s) nor position 3 (40 s)
        Assert.Equal("catching up", status.State);

        await readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys).CatchUpAsync();
        reads.EventReads = 0;
        var caughtUp = await StatusReader(readModels, reads, statusClock).ReadAsync();

        Assert.Equal((3L, 0L, 0.0, "caught up"), (caughtUp.Checkpoint, caughtUp.LagEvents, caughtUp.LagMs, caughtUp.State));
        Assert.Equal(0, reads.EventReads); // polled every second: nothing to read past the head, so no round trip to JetStream for it
    }

    [Fact]
    public async Task An_event_recorded_after_the_status_clock_reads_gives_no_negative_lag()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        ledger.Clock.Set(T0.AddSeconds(30));
        await new LedgerWriter(ledger.Store, ledger.Keys, T0).Do(AccountId.New(), new OpenAccount("Ada", Plan.Basic, "EUR"));

        var status = await StatusReader(readModels, ledger.Store, new SteppedClock(T0)).ReadAsync(); // a clock 30 s behind the log's

        Assert.Equal((0L, 1L, 0.0), (status.Checkpoint, status.Head, status.LagMs));
    }

    [Theory]
    [InlineData(10, 10, false, false, "caught up")]
    [InlineData(7, 10, false, false, "catching up")]
    [InlineData(7, 10, true, false, "retrying")]
    [InlineData(7, 10, true, true, "stopped")] // a poison event outranks a retry
    [InlineData(10, 10, false, true, "stopped")]
    public void The_state_says_stopped_retrying_caught_up_or_catching_up(long checkpoint, long head, bool retrying, bool failed, string state)
    {
        var status = new ProjectionStatus("balances", checkpoint, head, 0, failed ? new ProjectionError(checkpoint + 1, "bad event", T0) : null)
        {
            Retry = retrying ? new ProjectionRetry(2, "SqliteException: database is locked", T0) : null,
        };

        Assert.Equal(state, status.State);
    }

    private static ProjectionStatusReader StatusReader(ReadModelHarness readModels, IEventStoreReader reader, TimeProvider clock) =>
        new("balances", reader, new CheckpointStore(readModels.Database, "balances", clock), clock);

    private sealed class CountingReader(IEventStoreReader inner) : DelegatingReader(inner)
    {
        public int EventReads { get; set; }

        public override Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
        {
            EventReads++;
            return base.ReadAllAsync(fromPosition, maxCount, cancellationToken);
        }
    }
}
