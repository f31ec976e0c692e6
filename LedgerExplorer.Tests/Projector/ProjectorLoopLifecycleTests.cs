using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LedgerExplorer.Tests.Projector;

/// <summary>
/// The projector loop in one process, on a clock the test moves: its heartbeat says what it is doing, a pause holds the
/// read models where they are while the log takes writes, an idle loop reads only the log's head, and a projection that
/// stops or stumbles does not hold the others back. (The loop as its own process is in ChildProjectorTests.)
/// </summary>
public sealed partial class ProjectorLoopLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AccountId _id = AccountId.New();
    private LedgerWriter _writer = null!;
    private int _passes;

    public async ValueTask InitializeAsync()
    {
        _writer = new LedgerWriter(_ledger.Store, _ledger.Keys, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await _writer.Do(_id, new OpenAccount("Ada", Plan.Basic, "EUR"));
        await _writer.Do(_id, new Deposit(10m));
    }

    [Fact]
    public async Task The_heartbeat_says_running_then_paused_then_stopped_and_a_pause_holds_the_read_model_while_the_log_grows()
    {
        var started = _clock.GetUtcNow();
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        var heartbeat = new ProjectorHeartbeat(_readModels.Database, _clock);
        var loop = Loop(heartbeat, runner);
        using var stop = new CancellationTokenSource();
        var running = loop.RunAsync(CountedWake, stop.Token);
        await CheckpointReaches(runner, 2);
        Assert.Equal(new ProjectorLiveness(ProjectorRunState.Running, Environment.ProcessId, started, started), heartbeat.Read());

        loop.Pause();
        Assert.True(loop.IsPaused);
        _clock.Advance(ProjectorHeartbeat.Interval); // the next beat is due exactly one interval after the last
        await Eventually.Within(Patience, () => Task.FromResult(heartbeat.Read().State == ProjectorRunState.Paused ? true : (bool?)null));
        await _writer.Do(_id, new Deposit(5m));
        await PassesGoBy(5);
        Assert.Equal(2, (await runner.GetStatusAsync()).Checkpoint); // held, though the log is at 3

        loop.Resume();
        Assert.False(loop.IsPaused);
        await CheckpointReaches(runner, 3);
        _clock.Advance(ProjectorHeartbeat.Interval);
        await Eventually.Within(Patience, () => Task.FromResult(heartbeat.Read().State == ProjectorRunState.Running ? true : (bool?)null));

        await stop.CancelAsync();
        await running;
        Assert.Equal(new ProjectorLiveness(ProjectorRunState.Stopped, Environment.ProcessId, started, _clock.GetUtcNow()), heartbeat.Read());
    }

    [Fact]
    public void A_heartbeat_is_believed_for_three_seconds_and_then_read_as_a_stopped_projector()
    {
        var heartbeat = new ProjectorHeartbeat(_readModels.Database, _clock);
        Assert.Equal(new ProjectorLiveness(ProjectorRunState.Stopped, null, null, null), heartbeat.Read()); // never beat

        var started = _clock.GetUtcNow().AddMinutes(-1);
        heartbeat.Beat(4242, started, ProjectorRunState.Paused);
        var beat = _clock.GetUtcNow();
        _clock.Advance(ProjectorHeartbeat.StaleAfter);
        Assert.Equal(new ProjectorLiveness(ProjectorRunState.Paused, 4242, started, beat), heartbeat.Read());
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(new ProjectorLiveness(ProjectorRunState.Stopped, 4242, started, beat), heartbeat.Read()); // no beat: it died
    }

    [Fact]
    public async Task A_caught_up_loop_reads_only_the_head_until_the_log_grows()
    {
        var reader = new CountingReader(_ledger.Store);
        var runner = _readModels.Runner(new BalancesProjection(), reader, _ledger.Keys);
        var watch = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        using var stop = new CancellationTokenSource();
        var running = Loop(new ProjectorHeartbeat(_readModels.Database, _clock), runner).RunAsync(CountedWake, stop.Token);
        await CheckpointReaches(watch, 2);
        await PassesGoBy(1);

        var readsWhenCaughtUp = reader.EventReads;
        await PassesGoBy(10);
        Assert.Equal(readsWhenCaughtUp, reader.EventReads); // ten passes, each one head read, no event read
        await _writer.Do(_id, new Deposit(5m));
        await CheckpointReaches(watch, 3);
        Assert.True(reader.EventReads > readsWhenCaughtUp);

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_projection_stopped_at_a_poison_event_does_not_hold_back_the_ones_after_it()
    {
        var poisoned = _readModels.Runner(new PoisonedAt(2), _ledger.Store, _ledger.Keys);
        var history = _readModels.Runner(new HistoryProjection(), _ledger.Store, _ledger.Keys);
        using var stop = new CancellationTokenSource();
        var running = Loop(new ProjectorHeartbeat(_readModels.Database, _clock), poisoned, history).RunAsync(CountedWake, stop.Token);

        await CheckpointReaches(history, 2);
        await _writer.Do(_id, new Deposit(5m));
        await CheckpointReaches(history, 3); // the loop went on after the poison, pass after pass
        var stopped = await poisoned.GetStatusAsync();
        Assert.Equal((0L, 2L, "stopped"), (stopped.Checkpoint, stopped.Error?.Position, stopped.State)); // its batch rolled back whole

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_projection_failing_for_a_passing_reason_neither_holds_back_the_others_nor_is_left_behind_when_the_log_is_quiet()
    {
        var vault = new FlakyVault(_ledger.Keys, failures: 3);
        var flaky = _readModels.Runner(new BalancesProjection(), _ledger.Store, vault);
        var history = _readModels.Runner(new HistoryProjection(), _ledger.Store, _ledger.Keys);
        using var stop = new CancellationTokenSource();
        var running = Loop(new ProjectorHeartbeat(_readModels.Database, _clock), flaky, history).RunAsync(CountedWake, stop.Token);

        await CheckpointReaches(history, 2); // caught up on the first pass, while the balances failed
        Assert.True(vault.Failed >= 1);
        await CheckpointReaches(flaky, 2); // no new event arrives: the failed pass itself is retried
        Assert.Equal(3, vault.Failed);

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_poll_setting_below_one_millisecond_still_polls()
    {
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        using var stop = new CancellationTokenSource();
        var loop = Loop(new ProjectorHeartbeat(_readModels.Database, _clock), runner, pollMilliseconds: -5);
        var running = loop.RunAsync(wake: null, stop.Token);
        await CheckpointReaches(runner, 2);
        await _writer.Do(_id, new Deposit(5m));
        await CheckpointReaches(runner, 3); // a negative wait would be an infinite one

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_log_of_one_event_is_caught_up()
    {
        await using var ledger = SqliteHarness.Create();
        await new LedgerWriter(ledger.Store, ledger.Keys, _clock.GetUtcNow()).Do(AccountId.New(), new OpenAccount("Eve", Plan.Basic, "EUR"));
        var runner = _readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys);
        using var stop = new CancellationTokenSource();
        var running = new ProjectorLoop(new ProjectionCatalog([runner]), ledger.Store, new ProjectorHeartbeat(_readModels.Database, _clock),
            Options.Create(new ProjectorOptions { PollMilliseconds = 2 }), _clock, NullLogger<ProjectorLoop>.Instance).RunAsync(CountedWake, stop.Token);

        await CheckpointReaches(runner, 1); // the loop starts having seen no head at all, not head 1

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_failed_pass_waits_its_back_off_not_the_poll()
    {
        var wakesAtEachHeadRead = new List<int>();
        var reader = new FailingHeadReader(_ledger.Store, failures: 3, onHeadRead: () => wakesAtEachHeadRead.Add(Volatile.Read(ref _passes)));
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys);
        using var stop = new CancellationTokenSource();
        var running = new ProjectorLoop(new ProjectionCatalog([runner]), reader, new ProjectorHeartbeat(_readModels.Database, _clock),
            Options.Create(new ProjectorOptions { PollMilliseconds = 2 }), _clock, NullLogger<ProjectorLoop>.Instance).RunAsync(CountedWake, stop.Token);
        await CheckpointReaches(runner, 2);
        await stop.CancelAsync();
        await running;

        Assert.Equal([0, 0, 0, 0], wakesAtEachHeadRead.Take(4)); // three failures, each followed by its back-off only
    }

    private ProjectorLoop Loop(ProjectorHeartbeat heartbeat, params IProjectionRunner[] runners) => Loop(heartbeat, runners, pollMilliseconds: 2);

    private ProjectorLoop Loop(ProjectorHeartbeat heartbeat, IProjectionRunner runner, int pollMilliseconds) => Loop(heartbeat, [runner], pollMilliseconds);

    private ProjectorLoop Loop(ProjectorHeartbeat heartbeat, IProjectionRunner[] runners, int pollMilliseconds) =>
        new(new ProjectionCatalog(runners), _ledger.Store, heartbeat, Options.Create(new ProjectorOptions { PollMilliseconds = pollMilliseconds }),
            _clock, NullLogger<ProjectorLoop>.Instance);

    /// <summary>The loop's wait between passes, counted: a pass has gone by each time the loop comes to wait.</summary>
    private Task CountedWake(TimeSpan poll, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _passes);
        return Task.Delay(poll, cancellationToken);
    }

    private async Task PassesGoBy(int count)
    {
        var until = Volatile.Read(ref _passes) + count + 1; // +1: the pass under way may have begun before the change
        await Eventually.Within(Patience, () => Task.FromResult(Volatile.Read(ref _passes) >= until ? true : (bool?)null));
    }

    private static Task CheckpointReaches(IProjectionRunner runner, long position) =>
        Eventually.Within(Patience, async () => (await runner.GetStatusAsync()).Checkpoint >= position ? true : (bool?)null);

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }

    /// <summary>The balances, unable to apply the event at one position: a poison event.</summary>
    private sealed class PoisonedAt(long position) : IProjection<BalanceRow>
    {
        private readonly BalancesProjection _balances = new();

        public string Name => "poisoned";

        public IReadModelTable<BalanceRow> Table => _balances.Table;

        public IEnumerable<BalanceRow> Apply(ProjectedEvent e, IRowSet<BalanceRow> rows) =>
            e.Position == position ? throw new InvalidOperationException("cannot apply this one") : _balances.Apply(e, rows);
    }
}
