using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.Tests.Projector;

public sealed class ProjectorLoopTests
{
    [Fact]
    public async Task When_the_log_cannot_be_read_for_a_moment_the_loop_keeps_running_and_catches_up_afterwards()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var writer = new LedgerWriter(ledger.Store, ledger.Keys, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var id = AccountId.New();
        await writer.Do(id, new OpenAccount("Ada", Plan.Basic, "EUR"));
        await writer.Do(id, new Deposit(10m));
        var flaky = new FlakyReader(ledger.Store, failures: 3);
        var runner = readModels.Runner(new BalancesProjection(), flaky, ledger.Keys);
        var loop = new ProjectorLoop(new ProjectionCatalog([runner]), flaky, new ProjectorHeartbeat(readModels.Database, TimeProvider.System),
            Options.Create(new ProjectorOptions { PollMilliseconds = 5 }), TimeProvider.System, NullLogger<ProjectorLoop>.Instance);
        var watch = readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys); // reads status through a healthy store
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(wake: null, stop.Token);
        await Eventually.Within(TimeSpan.FromSeconds(30), async () => (await watch.GetStatusAsync()).Checkpoint == 2 ? true : (bool?)null);
        await stop.CancelAsync();
        await running;

        Assert.Equal(3, flaky.Failed); // it did fail, three times, and went on
        Assert.Contains("10.00", watch.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runners_on_one_read_model_database_as_two_processes_would_be_still_give_the_rebuilt_rows()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var writer = new LedgerWriter(ledger.Store, ledger.Keys, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var id = AccountId.New();
        await writer.Do(id, new OpenAccount("Ada", Plan.Basic, "EUR"));
        var one = readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys);
        var other = readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys);

        // Each caches rows in memory; each must notice when the other moved the checkpoint (or rebuilt) under it.
        await one.CatchUpAsync();
        await writer.Do(id, new Deposit(10m));
        await other.CatchUpAsync();
        await writer.Do(id, new Deposit(20m));
        await one.CatchUpAsync();
        Assert.Contains("\t30.00\t", one.Dump(), StringComparison.Ordinal); // folded on the other's 10, not on its own cached 0 (the rebuild next would hide it)
        await other.RebuildAsync();
        await writer.Do(id, new Deposit(30m));
        await one.CatchUpAsync();

        using var scratch = new ReadModelHarness();
        var rebuilt = scratch.Runner(new BalancesProjection(), ledger.Store, ledger.Keys);
        await rebuilt.CatchUpAsync();
        Assert.Equal(rebuilt.Dump(), one.Dump());
        Assert.Contains("60.00", one.Dump(), StringComparison.Ordinal);
    }

    /// <summary>Reads the head through a store that refuses the first few times, as a locked or restarting one would.</summary>
    private sealed class FlakyReader(IEventStoreReader inner, int failures) : DelegatingReader(inner)
    {
        private int _calls;

        public int Failed => Math.Min(Volatile.Read(ref _calls), failures);

        public override Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) <= failures ? throw new IOException("the log is busy") : base.ReadHeadPositionAsync(cancellationToken);
    }
}
