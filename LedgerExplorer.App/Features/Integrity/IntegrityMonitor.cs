using LedgerExplorer.Core.Integrity;

namespace LedgerExplorer.App.Features.Integrity;

/// <summary>
/// The background half of tamper evidence: a full walk at start, then every <see cref="Tick"/> the events appended
/// since (as a projector follows the log), and the whole chain again every <see cref="FullWalkEvery"/> — so a row
/// added or edited outside the ledger is flagged on the Event Log page and in the metrics without anyone asking.
/// </summary>
public sealed class IntegrityMonitor(IntegrityWatch watch, ILogger<IntegrityMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan FullWalkEvery = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastBreak = (ChainBreak?)null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var status = watch.Status.FullWalkAt is { } at && DateTimeOffset.UtcNow - at < FullWalkEvery
                    ? await watch.TickAsync(stoppingToken)
                    : await watch.FullWalkAsync(stoppingToken);
                if (status.Break is { } broken && broken != lastBreak)
                    logger.LogError("The log's hash chain is broken at position {Position}: {Reason}", broken.Position, broken.Reason);
                lastBreak = status.Break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Integrity check failed; trying again shortly");
            }

            try
            {
                await Task.Delay(Tick, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
