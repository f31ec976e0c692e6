using System.Diagnostics;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.Statements;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projector;

/// <summary>
/// The real Projector process against a log this test writes to: it trails the log during a burst, catches up
/// after it, and its read models then equal a rebuild from scratch — also when it was SIGKILLed mid-burst.
/// </summary>
[Trait("Proof", "ProjectionLag")]
public sealed class ProjectionLagProofTests
{
    private static readonly TimeSpan ConvergenceBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task During_a_burst_the_projector_trails_the_log_and_after_it_the_lag_reaches_zero_and_equals_a_rebuild()
    {
        await using var ledger = SqliteHarness.Create();
        var accounts = await OpenAccountsAsync(ledger, 20);
        await using var projector = ProjectorProcess.Start(ledger.Directory);
        var watch = Runners(ledger);
        await WaitUntilCaughtUpAsync(watch, TimeSpan.FromSeconds(30));

        var before = (await watch[0].GetStatusAsync()).Checkpoint;
        var samples = new List<(double AtMs, long Behind, double LagMs, long Checkpoint, long Head)>();
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(watch, samples, sampling.Token);
        var written = await WriteBurstAsync(ledger, accounts, rate: 800, seconds: 2);
        var finalHead = before + written;

        var convergedAfter = await WaitUntilCaughtUpAsync(watch, ConvergenceBound);
        await sampling.CancelAsync();
        await sampler;

        TestContext.Current.TestOutputHelper?.WriteLine($"{written} deposits; {samples.Count} samples; max behind {samples.Max(s => s.Behind)} events / {samples.Max(s => s.LagMs):N0} ms; caught up {convergedAfter.TotalMilliseconds:N0} ms after the burst");
        Assert.Equal(1_600, written);
        Assert.True(samples.Count >= 20, $"only {samples.Count} samples");
        Assert.Contains(samples, s => s.Behind > 0); // asynchronous: it was seen behind the log at some moment
        // It follows the log while it is written, not only once the writing stops: seen applying events part-way
        // through the burst (its checkpoint past where it started while the log had not yet reached its final head),
        // and never claiming more than the log holds.
        Assert.Contains(samples, s => s.Checkpoint > before + 100 && s.Head < finalHead - 100);
        Assert.All(samples, s => Assert.True(s.Checkpoint <= s.Head, $"checkpoint {s.Checkpoint} past head {s.Head}"));
        Assert.True(samples.Zip(samples.Skip(1)).All(p => p.Second.Checkpoint >= p.First.Checkpoint), "the checkpoint went back");
        Assert.True(convergedAfter < ConvergenceBound);
        await AssertEqualsRebuildAsync(ledger, watch);
        Assert.False(projector.HasExited, projector.Output);
    }

    [Fact]
    public async Task Killed_with_SIGKILL_mid_burst_and_started_again_it_resumes_from_its_checkpoint_with_nothing_missed_or_applied_twice()
    {
        await using var ledger = SqliteHarness.Create();
        var accounts = await OpenAccountsAsync(ledger, 20);
        var watch = Runners(ledger);
        var first = ProjectorProcess.Start(ledger.Directory);
        await WaitUntilCaughtUpAsync(watch, TimeSpan.FromSeconds(30));

        var burst = WriteBurstAsync(ledger, accounts, rate: 600, seconds: 3);
        await Eventually.Within(TimeSpan.FromSeconds(30), async () => (await watch[0].GetStatusAsync()).Checkpoint > 300 ? true : (bool?)null);
        first.KillHard(); // mid-burst, perhaps mid-batch
        await first.DisposeAsync();
        var checkpointAtKill = (await watch[0].GetStatusAsync()).Checkpoint;

        await using var second = ProjectorProcess.Start(ledger.Directory);
        var checkpoints = new List<long>();
        using (var sampling = new CancellationTokenSource())
        {
            var sampler = SampleCheckpointsAsync(watch, checkpoints, sampling.Token);
            var written = await burst;
            await WaitUntilCaughtUpAsync(watch, ConvergenceBound);
            await sampling.CancelAsync();
            await sampler;
            Assert.Equal(1_800, written);
        }

        // Resumed, not restarted: the checkpoint never went back below where the killed process left it.
        Assert.True(checkpointAtKill > 0);
        Assert.NotEmpty(checkpoints);
        Assert.All(checkpoints, c => Assert.True(c >= checkpointAtKill, $"checkpoint {c} below {checkpointAtKill}"));
        Assert.Equal(checkpoints.Order(), checkpoints);
        await AssertEqualsRebuildAsync(ledger, watch);
        Assert.Contains("started", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_stops_it_cleanly_and_its_heartbeat_then_says_stopped()
    {
        await using var ledger = SqliteHarness.Create();
        await OpenAccountsAsync(ledger, 3);
        await using var projector = ProjectorProcess.Start(ledger.Directory);
        var watch = Runners(ledger);
        await WaitUntilCaughtUpAsync(watch, TimeSpan.FromSeconds(30));
        var heartbeat = new ProjectorHeartbeat(new ReadModelDatabase(Path.Combine(ledger.Directory, "readmodels.db")), TimeProvider.System);
        Assert.Equal(ProjectorRunState.Running, heartbeat.Read().State);

        var exitCode = await projector.StopAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.Equal(ProjectorRunState.Stopped, heartbeat.Read().State);
        Assert.Equal(projector.Id, heartbeat.Read().ProcessId);
    }

    [Fact]
    public async Task A_second_projector_on_the_same_read_models_refuses_to_run()
    {
        await using var ledger = SqliteHarness.Create();
        await OpenAccountsAsync(ledger, 1);
        await using var first = ProjectorProcess.Start(ledger.Directory);
        await WaitUntilCaughtUpAsync(Runners(ledger), TimeSpan.FromSeconds(30));

        await using var second = ProjectorProcess.Start(ledger.Directory);
        await second.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, second.ExitCode);
        Assert.Contains("Another projector is already running", second.Output, StringComparison.Ordinal);
        Assert.False(first.HasExited);
    }

    /// <summary>Runners on the projector's read-model database, used here only to read its status and dump.</summary>
    private static IReadOnlyList<IProjectionRunner> Runners(SqliteHarness ledger)
    {
        var database = new ReadModelDatabase(Path.Combine(ledger.Directory, "readmodels.db"));
        database.Migrate();
        return
        [
            new ProjectionRunner<BalanceRow>(new BalancesProjection(), ledger.Store, database, ledger.Keys, TimeProvider.System),
            new ProjectionRunner<StatementRow>(new StatementsProjection(), ledger.Store, database, ledger.Keys, TimeProvider.System),
        ];
    }

    private static async Task AssertEqualsRebuildAsync(SqliteHarness ledger, IReadOnlyList<IProjectionRunner> projected)
    {
        using var scratch = new ReadModelHarness();
        IProjectionRunner[] rebuilt =
        [
            scratch.Runner(new BalancesProjection(), ledger.Store, ledger.Keys),
            scratch.Runner(new StatementsProjection(), ledger.Store, ledger.Keys),
        ];
        for (var i = 0; i < rebuilt.Length; i++)
        {
            await rebuilt[i].CatchUpAsync();
            Assert.Equal(ReadModelDump.Sha256(rebuilt[i].Dump()), ReadModelDump.Sha256(projected[i].Dump()));
        }
    }

    private static async Task<TimeSpan> WaitUntilCaughtUpAsync(IReadOnlyList<IProjectionRunner> runners, TimeSpan bound)
    {
        var clockwatch = Stopwatch.StartNew();
        await Eventually.Within(bound, async () =>
        {
            foreach (var runner in runners)
            {
                if ((await runner.GetStatusAsync()).LagEvents > 0) return (bool?)null;
            }

            return true;
        });
        return clockwatch.Elapsed;
    }

    private static async Task SampleAsync(IReadOnlyList<IProjectionRunner> runners, List<(double, long, double, long, long)> samples, CancellationToken stop)
    {
        var clockwatch = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            var status = await runners[0].GetStatusAsync(CancellationToken.None);
            samples.Add((clockwatch.Elapsed.TotalMilliseconds, status.LagEvents, status.LagMs, status.Checkpoint, status.Head));
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task SampleCheckpointsAsync(IReadOnlyList<IProjectionRunner> runners, List<long> samples, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var status = await runners[0].GetStatusAsync(CancellationToken.None);
            samples.Add(status.Checkpoint);
            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task<IReadOnlyList<AccountId>> OpenAccountsAsync(SqliteHarness ledger, int count)
    {
        var handler = Handler(ledger);
        var ids = new List<AccountId>();
        for (var i = 0; i < count; i++)
        {
            var id = AccountId.New();
            Assert.IsType<CommandOutcome.Accepted>(await handler.HandleAsync(id, new OpenAccount($"Customer {i}", Plan.Basic, "EUR"), CommandContext.For("test")));
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Deposits at a steady rate, round-robin over the accounts, through the real command handler with the real clock.</summary>
    private static async Task<int> WriteBurstAsync(SqliteHarness ledger, IReadOnlyList<AccountId> accounts, int rate, int seconds)
    {
        var handler = Handler(ledger);
        var total = rate * seconds;
        var pending = new List<Task<CommandOutcome>>();
        var clockwatch = Stopwatch.StartNew();
        for (var issued = 0; issued < total;)
        {
            var due = Math.Min(total, (int)(clockwatch.Elapsed.TotalSeconds * rate) + 1);
            for (; issued < due; issued++)
            {
                pending.Add(handler.HandleAsync(accounts[issued % accounts.Count], new Deposit(1m), CommandContext.For("burst")));
            }

            await Task.Delay(2);
        }

        return (await Task.WhenAll(pending)).Count(o => o is CommandOutcome.Accepted);
    }

    private static AccountCommandHandler Handler(SqliteHarness ledger) => new(ledger.Store, TimeProvider.System, new LedgerNotifications(), ledger.Keys);
}
