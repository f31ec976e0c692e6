using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>
/// Starting the ledger over (the App's "start over") replaces the log under the read models and then rebuilds each one.
/// The new log may be as long as the old one — two fresh demo seeds are — or shorter; either way the rows after the
/// rebuild, and every event folded onto them afterwards, are the new log's alone.
/// </summary>
[Trait("Proof", "Rebuild")]
public sealed class RebuildAfterStartOverTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SqliteHarness _old = SqliteHarness.Create();
    private readonly SqliteHarness _new = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();

    /// <summary>One key store for both logs, as the App keeps one (a start-over destroys its keys, not the store).</summary>
    private Core.Privacy.IKeyStore Keys => _old.Keys;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_new_log_as_long_as_the_old_one_folds_onto_the_rebuilt_rows_not_the_rows_cached_from_the_old_log()
    {
        await Write(_old, "Ada Lovelace", 10m);
        var grace = await Write(_new, "Grace Hopper", 25m);
        var log = new SwitchedReader(_old.Store);
        var runner = _readModels.Runner(new BalancesProjection(), log, Keys);
        await runner.CatchUpAsync(); // checkpoint 2, and Ada's row cached in memory

        log.Current = _new.Store; // started over: a log of the same length, other accounts
        await runner.RebuildAsync(); // checkpoint 2 again, Grace's row
        await new LedgerWriter(_new.Store, Keys, Start.AddDays(1)).Do(grace, new Deposit(5m));
        await runner.CatchUpAsync();

        var rows = runner.Dump();
        Assert.DoesNotContain("Ada Lovelace", rows, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", rows, StringComparison.Ordinal);
        Assert.Contains("30.00", rows, StringComparison.Ordinal); // 25 + 5, folded on the rebuilt row
        Assert.Equal(3, (await runner.GetStatusAsync()).Checkpoint);
    }

    [Fact]
    public async Task A_new_log_shorter_than_the_checkpoint_still_replaces_the_rows_though_the_live_read_model_claims_more()
    {
        var ada = await Write(_old, "Ada Lovelace", 10m);
        await new LedgerWriter(_old.Store, Keys, Start.AddDays(1)).Do(ada, new Deposit(20m)); // the old log: 3 events
        await Write(_new, "Grace Hopper", 25m); // the new one: 2
        var log = new SwitchedReader(_old.Store);
        var runner = _readModels.Runner(new BalancesProjection(), log, Keys);
        await runner.CatchUpAsync();

        log.Current = _new.Store;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // waiting for the live rows to be caught up with would never end
        var rebuilt = await runner.RebuildAsync(cancellationToken: timeout.Token);

        Assert.Equal(2, rebuilt.Events);
        Assert.Equal(2, (await runner.GetStatusAsync()).Checkpoint);
        Assert.DoesNotContain("Ada Lovelace", runner.Dump(), StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", runner.Dump(), StringComparison.Ordinal);
    }

    private async Task<AccountId> Write(SqliteHarness ledger, string owner, decimal deposit)
    {
        var id = AccountId.New();
        var writer = new LedgerWriter(ledger.Store, Keys, Start);
        await writer.Do(id, new OpenAccount(owner, Plan.Basic, "EUR"));
        await writer.Do(id, new Deposit(deposit));
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _old.DisposeAsync();
        await _new.DisposeAsync();
    }

    /// <summary>The log the read models follow, replaced by the test as a start-over replaces the files under them.</summary>
    private sealed class SwitchedReader(IEventStoreReader first) : DelegatingReader(first)
    {
        public IEventStoreReader Current { get; set; } = first;

        protected override IEventStoreReader Inner => Current;
    }
}
