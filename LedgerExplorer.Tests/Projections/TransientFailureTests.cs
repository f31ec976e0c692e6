using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.Tests.Projections;

/// <summary>A failure that passes (a locked key store, a busy disk) is retried; only an event the projection cannot apply stops it.</summary>
public sealed class TransientFailureTests : IAsyncLifetime
{
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();

    public async ValueTask InitializeAsync()
    {
        var writer = new LedgerWriter(_ledger.Store, _ledger.Keys, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var id = AccountId.New();
        await writer.Do(id, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        await writer.Do(id, new Deposit(10m));
    }

    [Fact]
    public async Task A_locked_key_store_is_retried_not_recorded_as_a_poison_event_and_the_projection_then_catches_up()
    {
        var vault = new FlakyVault(_ledger.Keys, failures: 1);
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, vault);

        await Assert.ThrowsAsync<SqliteException>(() => runner.CatchUpAsync());

        var retrying = await runner.GetStatusAsync();
        Assert.Null(retrying.Error);
        Assert.Equal("retrying", retrying.State);
        Assert.Equal(1, retrying.Retry?.Count);
        Assert.Contains("database is locked", retrying.Retry!.Message, StringComparison.Ordinal);

        Assert.Equal(2, await runner.CatchUpAsync()); // the key store answers again: nothing was lost
        var caughtUp = await runner.GetStatusAsync();
        Assert.Null(caughtUp.Retry);
        Assert.Equal("caught up", caughtUp.State);
        Assert.Contains("Ada Lovelace", runner.Dump(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_failures_in_a_row_are_counted_on_the_checkpoint_row_each_one()
    {
        var vault = new FlakyVault(_ledger.Keys, failures: 3);
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, vault);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Assert.ThrowsAsync<SqliteException>(() => runner.CatchUpAsync());
            Assert.Equal(attempt, (await runner.GetStatusAsync()).Retry?.Count); // the row exists after the first: the later ones update it
        }

        Assert.Equal(2, await runner.CatchUpAsync());
        Assert.Null((await runner.GetStatusAsync()).Retry);
    }

    [Fact]
    public async Task The_projector_loop_backs_off_and_converges_through_a_run_of_transient_failures_without_a_rebuild()
    {
        var vault = new FlakyVault(_ledger.Keys, failures: 4);
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, vault);
        var loop = new ProjectorLoop(new ProjectionCatalog([runner]), _ledger.Store, new ProjectorHeartbeat(_readModels.Database, TimeProvider.System),
            Options.Create(new ProjectorOptions { PollMilliseconds = 5 }), TimeProvider.System, NullLogger<ProjectorLoop>.Instance);
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(wake: null, stop.Token);
        await Eventually.Within(TimeSpan.FromSeconds(30), async () => (await runner.GetStatusAsync()) is { Checkpoint: 2, Error: null } ? true : (bool?)null);
        await stop.CancelAsync();
        await running;

        Assert.Equal(4, vault.Failed);
        Assert.Null((await runner.GetStatusAsync()).Retry);
    }

    [Fact]
    public void Back_off_doubles_from_the_poll_interval_and_stops_growing_at_five_seconds()
    {
        var poll = TimeSpan.FromMilliseconds(10);
        Assert.Equal([20, 40, 80, 160], Enumerable.Range(1, 4).Select(n => ProjectorLoop.BackOff(poll, n).TotalMilliseconds));
        Assert.Equal(5_000, ProjectorLoop.BackOff(poll, 30).TotalMilliseconds);
    }

    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(19, false)] // SQLITE_CONSTRAINT: a bug, not weather
    public void A_sqlite_error_is_transient_only_when_it_can_pass(int code, bool transient) =>
        Assert.Equal(transient, TransientFailure.Is(new SqliteException("x", code)));

    [Fact]
    public void A_projection_that_cannot_apply_an_event_is_not_transient() =>
        Assert.False(TransientFailure.Is(new InvalidOperationException("MoneyDeposited cannot follow an account in state Unopened")));

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }
}
