using System.Diagnostics;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;

namespace LedgerExplorer.App.Features.Load;

/// <summary>
/// Writes deposits at a steady rate across many accounts while sampling how far the projections trail the
/// log, then keeps sampling after the burst until every projection has caught up. Used by
/// <c>-- load --rate R --seconds S</c> and by the burst button on the Projector page.
/// </summary>
public sealed class LoadGenerator(AccountCommandHandler commands, LedgerQueries queries, ProjectionCatalog projections, ProjectorHeartbeat heartbeat, TimeProvider clock)
{
    public const string OwnerPrefix = "Load ";

    public async Task<LoadSummary> RunAsync(LoadPlan plan, IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        plan.Validate();
        var accounts = await EnsureAccountsAsync(plan.Accounts, cancellationToken);

        // Measure a running projector, not one still starting: wait until its heartbeat says running and it has
        // applied everything so far (read models left caught up by an earlier projector prove nothing).
        await WaitUntilCaughtUpAsync(plan.ConvergenceTimeout, cancellationToken);
        var samples = new List<LagSample>();
        var loadStartedAt = clock.GetUtcNow();
        var clockwatch = Stopwatch.StartNew();
        long written = 0, failed = 0;
        string? firstFailure = null;
        double? writingEndedMs = null;

        // The sampler runs beside the writer for the whole run: while writing, then until caught up.
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var converged = new TaskCompletionSource<double?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sampler = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                var sample = await SampleAsync(loadStartedAt, clockwatch.Elapsed.TotalMilliseconds, writingEndedMs is null ? "load" : "drain", Interlocked.Read(ref written), stopSampling.Token);
                lock (samples) samples.Add(sample);
                progress?.Report(new LoadProgress(sample, plan, writingEndedMs is null ? Math.Min(1, sample.AtMs / (plan.Seconds * 1000)) : 1));
                if (writingEndedMs is { } ended && sample.EventsBehind == 0)
                {
                    converged.TrySetResult(sample.AtMs - ended);
                    return;
                }

                if (writingEndedMs is { } end && sample.AtMs - end > plan.ConvergenceTimeout.TotalMilliseconds)
                {
                    converged.TrySetResult(null);
                    return;
                }

                await Task.Delay(plan.SampleEvery, stopSampling.Token).ConfigureAwait(false);
            }
        }, CancellationToken.None);

        // One command in flight per account: the load is spread over the accounts, not a race on one of them
        // (a conflict here would measure the generator, not the ledger). An account is taken from the idle
        // queue when its command is due and returned when it is answered.
        var idle = new System.Collections.Concurrent.ConcurrentQueue<AccountId>(accounts);
        var idleCount = new SemaphoreSlim(accounts.Count);
        var pending = new List<Task>();
        var total = (long)Math.Round(plan.Rate * plan.Seconds);
        var context = CommandContext.For("load-generator");
        try
        {
            for (long issued = 0; issued < total;)
            {
                // Issue every command whose moment has come: command i is due at i / rate seconds.
                var due = Math.Min(total, (long)(clockwatch.Elapsed.TotalSeconds * plan.Rate) + 1);
                for (; issued < due; issued++)
                {
                    await idleCount.WaitAsync(cancellationToken);
                    idle.TryDequeue(out var account);
                    pending.Add(Task.Run(async () =>
                    {
                        try
                        {
                            var outcome = await commands.HandleAsync(account!, new Deposit(1.00m, "load"), context, cancellationToken);
                            Interlocked.Increment(ref outcome is CommandOutcome.Accepted ? ref written : ref failed);
                            if (outcome is not CommandOutcome.Accepted) Interlocked.CompareExchange(ref firstFailure, outcome.ToString(), null);
                        }
                        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                        {
                            Interlocked.Increment(ref failed);
                            Interlocked.CompareExchange(ref firstFailure, $"{e.GetType().Name}: {e.Message}", null);
                        }
                        finally
                        {
                            idle.Enqueue(account!);
                            idleCount.Release();
                        }
                    }, CancellationToken.None));
                }

                if (issued < total) await Task.Delay(1, cancellationToken);
            }

            await Task.WhenAll(pending);
            var writingSeconds = clockwatch.Elapsed.TotalSeconds;
            writingEndedMs = clockwatch.Elapsed.TotalMilliseconds;
            var convergedAfter = await converged.Task.WaitAsync(cancellationToken);
            await stopSampling.CancelAsync();
            await sampler.ContinueWith(_ => { }, TaskScheduler.Default);

            List<LagSample> series;
            lock (samples) series = [.. samples];
            return new LoadSummary(
                plan,
                Commands: written,
                Failed: failed,
                WritingSeconds: writingSeconds,
                AppendsPerSecond: written / writingSeconds,
                LagMs: Percentiles.Of(series.Select(s => s.LagMs)),
                LagEvents: Percentiles.Of(series.Select(s => (double)s.EventsBehind)),
                MaxBatchLagMs: series.Count == 0 ? 0 : series.Max(s => s.BatchLagMs),
                ConvergedAfterMs: convergedAfter,
                Samples: series) { FirstFailure = firstFailure };
        }
        finally
        {
            await stopSampling.CancelAsync();
        }
    }

    private async Task WaitUntilCaughtUpAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (heartbeat.Read().State != ProjectorRunState.Running || (await SampleAsync(DateTimeOffset.MaxValue, 0, "warm-up", 0, cancellationToken)).EventsBehind > 0)
        {
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"The projector was not running and caught up within {timeout.TotalSeconds:0} s, so the load did not begin: is it running (Projector page, or GET /api/projector)?");
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>The slowest projection at this moment: events behind the head, and how long the oldest unapplied event has waited.</summary>
    private async Task<LagSample> SampleAsync(DateTimeOffset loadStartedAt, double atMs, string phase, long written, CancellationToken cancellationToken)
    {
        long head = 0, behind = 0;
        double lagMs = 0, batchLagMs = 0;
        foreach (var runner in projections.All)
        {
            var status = await runner.GetStatusAsync(cancellationToken);
            head = Math.Max(head, status.Head);
            behind = Math.Max(behind, status.LagEvents);
            lagMs = Math.Max(lagMs, status.LagMs);
            if (status.LastBatch is { } last && last.CommittedAt >= loadStartedAt) batchLagMs = Math.Max(batchLagMs, last.MaxLagMs);
        }

        return new LagSample(Math.Round(atMs, 1), phase, written, head, behind, Math.Round(lagMs, 1), Math.Round(batchLagMs, 1), clock.GetUtcNow());
    }

    /// <summary>Reuses the open accounts a previous run opened ("Load 001"…) and opens the rest.</summary>
    private async Task<IReadOnlyList<AccountId>> EnsureAccountsAsync(int count, CancellationToken cancellationToken)
    {
        var existing = (await queries.ListAccountsAsync(cancellationToken: cancellationToken))
            .Where(a => a.Owner.StartsWith(OwnerPrefix, StringComparison.Ordinal) && a.Status == AccountStatus.Open)
            .Select(a => AccountId.Parse(a.AccountId))
            .Take(count)
            .ToList();
        var context = CommandContext.For("load-generator");
        while (existing.Count < count)
        {
            var id = AccountId.New();
            var owner = $"{OwnerPrefix}{existing.Count + 1:000}";
            if (await commands.HandleAsync(id, new OpenAccount(owner, Plan.Basic, "EUR"), context, cancellationToken) is not CommandOutcome.Accepted)
                throw new InvalidOperationException($"Could not open the load account '{owner}'.");
            existing.Add(id);
        }

        return existing;
    }
}

/// <summary>How much load to write: commands per second, for how long, across how many accounts.</summary>
public sealed record LoadPlan(int Rate, double Seconds, int Accounts = 100)
{
    public const int MaxRate = 20_000;

    public const double MaxSeconds = 600;

    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan ConvergenceTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public void Validate()
    {
        if (Rate is < 1 or > MaxRate) throw new ArgumentException($"The rate must be between 1 and {MaxRate} commands per second.");
        if (Seconds is <= 0 or > MaxSeconds) throw new ArgumentException($"The duration must be more than 0 and at most {MaxSeconds} seconds.");
        if (Accounts is < 1 or > 1_000) throw new ArgumentException("The accounts must number between 1 and 1,000.");
    }
}

/// <summary>One look at the projections: milliseconds since the start, the phase (load, drain), commands written so far, the log's head, events behind, lag in ms, and the last batch's recorded-at-to-commit lag.</summary>
public sealed record LagSample(double AtMs, string Phase, long Written, long Head, long EventsBehind, double LagMs, double BatchLagMs, DateTimeOffset At);

public sealed record LoadProgress(LagSample Sample, LoadPlan Plan, double Fraction);

public sealed record Percentiles(double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return new Percentiles(0, 0, 0, 0);
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]; // nearest rank
        return new Percentiles(At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}

/// <summary>What a run achieved. <see cref="ConvergedAfterMs"/> is null when lag did not reach 0 within the plan's timeout.</summary>
public sealed record LoadSummary(
    LoadPlan Plan,
    long Commands,
    long Failed,
    double WritingSeconds,
    double AppendsPerSecond,
    Percentiles LagMs,
    Percentiles LagEvents,
    double MaxBatchLagMs,
    double? ConvergedAfterMs,
    IReadOnlyList<LagSample> Samples)
{
    /// <summary>Why the first failed command failed, when any did.</summary>
    public string? FirstFailure { get; init; }
}
