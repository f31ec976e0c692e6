using LedgerExplorer.Core.EventStore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// The projector: keeps every projection caught up with the log, wherever it is hosted (its own process,
/// normally). It wakes by <b>short polling</b> — one indexed <c>MAX(position)</c> read every few
/// milliseconds — because SQLite has no way to tell another process that a row was committed; an
/// in-process host may also wake it at once. Each batch commits rows and checkpoint together, so
/// stopping at any moment (or being killed) loses nothing: the next start resumes from the checkpoint.
/// </summary>
public sealed class ProjectorLoop(
    ProjectionCatalog projections,
    IEventStoreReader reader,
    ProjectorHeartbeat heartbeat,
    IOptions<ProjectorOptions> options,
    TimeProvider clock,
    ILogger<ProjectorLoop> logger)
{
    private volatile bool _paused;

    /// <summary>Holds the projections where they are (the log keeps taking writes) until <see cref="Resume"/>.</summary>
    public void Pause() => _paused = true;

    public void Resume() => _paused = false;

    public bool IsPaused => _paused;

    /// <summary>
    /// Runs until <paramref name="stoppingToken"/> fires. Stopping never interrupts a batch's transaction: the
    /// runner checks the token only between batches, and a batch not committed is rolled back whole.
    /// </summary>
    /// <param name="wake">Completes early when there is news (an in-process append); null polls only.</param>
    public async Task RunAsync(Func<TimeSpan, CancellationToken, Task>? wake, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(1, options.Value.PollMilliseconds));
        var startedAt = clock.GetUtcNow();
        var lastBeat = DateTimeOffset.MinValue;
        long seenHead = -1;
        var failuresInARow = 0;
        logger.LogInformation("Projector {Pid} started: {Count} projections, polling every {Poll} ms", Environment.ProcessId, projections.All.Count, poll.TotalMilliseconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (clock.GetUtcNow() - lastBeat >= ProjectorHeartbeat.Interval) lastBeat = TryBeat(startedAt, _paused ? ProjectorRunState.Paused : ProjectorRunState.Running) ?? lastBeat;

                if (!_paused)
                {
                    try
                    {
                        var head = await reader.ReadHeadPositionAsync(stoppingToken);
                        if (head != seenHead)
                        {
                            await CatchUpAllAsync(stoppingToken);
                            seenHead = head;
                        }

                        failuresInARow = 0;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The log or the read models were unreachable for a moment (a lock, a restarting server):
                        // nothing was committed, so a later pass simply tries again from the checkpoints — after a
                        // back-off that doubles with each failure in a row, so a long outage is not hammered.
                        // Stryker disable once Statement,Update : pacing — how long the next wait is (BackOff itself is tested: Back_off_doubles_from_the_poll_interval…)
                        failuresInARow++;
                        logger.LogWarning(e, "Projector pass failed ({Count} in a row); retrying in {Delay} ms", failuresInARow, BackOff(poll, failuresInARow).TotalMilliseconds);
                        // Stryker disable once Statement : pacing — without the wait the pass is retried at once; what a failed pass does instead of the poll is tested (A_failed_pass_waits_its_back_off_not_the_poll)
                        await Delay(BackOff(poll, failuresInARow), stoppingToken);
                        continue;
                    }
                }

                await (wake ?? Delay)(poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            TryBeat(startedAt, ProjectorRunState.Stopped);
            logger.LogInformation("Projector {Pid} stopped", Environment.ProcessId);
        }
    }

    /// <summary>Writes the heartbeat; a busy read-model database only delays it (a missed beat is not a failure). Returns when it beat.</summary>
    private DateTimeOffset? TryBeat(DateTimeOffset startedAt, ProjectorRunState state)
    {
        try
        {
            heartbeat.Beat(Environment.ProcessId, startedAt, state);
            return clock.GetUtcNow();
        }
        // Stryker disable once Block : equivalent — an emptied catch falls through to return default, the null it returns
        catch (Exception e) when (TransientFailure.Is(e))
        {
            logger.LogWarning(e, "Heartbeat not written");
            return null;
        }
    }

    /// <summary>Each projection in turn; one that fails for a passing reason does not hold the others back (the pass then fails, and is retried).</summary>
    private async Task CatchUpAllAsync(CancellationToken stoppingToken)
    {
        Exception? transient = null;
        foreach (var runner in projections.All)
        {
            try
            {
                await runner.CatchUpAsync(cancellationToken: stoppingToken);
            }
            catch (ProjectionFailedException failed)
            {
                // A poison event: recorded on the checkpoint row and shown on the Projections page; it stays stopped until rebuilt.
                logger.LogError(failed, "Projection {Name} stopped at position {Position}", failed.Projection, failed.Position);
            }
            catch (Exception e) when (TransientFailure.Is(e))
            {
                // Stryker disable once Assignment : which of two passing failures the pass reports is only logged
                transient ??= e;
            }
        }

        // Stryker disable once String : the message is only logged (the loop catches it and retries)
        if (transient is not null) throw new IOException($"A projection could not catch up for a passing reason: {transient.Message}", transient);
    }

    /// <summary>How long to wait after <paramref name="failures"/> failed passes in a row: the poll interval doubled each time, at most <see cref="MaxBackOff"/>.</summary>
    public static TimeSpan BackOff(TimeSpan poll, int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackOff.TotalMilliseconds, poll.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 20))));

    public static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(5);

    private static async Task Delay(TimeSpan poll, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(poll, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
