using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Projections;

namespace LedgerExplorer.App.Features.Projections;

/// <summary>
/// Keeps every projection caught up inside the App: woken at once by an in-process append, and by a
/// one-second poll for appends made elsewhere. Where it runs is separate from what a projection computes.
/// </summary>
public sealed class ProjectionDaemon(ProjectionCatalog projections, LedgerNotifications notifications, ILogger<ProjectionDaemon> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var wake = new SemaphoreSlim(0);
        using var subscription = notifications.Subscribe(_ =>
        {
            if (wake.CurrentCount == 0) wake.Release();
        });

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var runner in projections.All)
            {
                try
                {
                    await runner.CatchUpAsync(cancellationToken: stoppingToken);
                }
                catch (ProjectionFailedException failed)
                {
                    // Recorded on the checkpoint row and shown on the Projections page; it stays stopped until rebuilt.
                    logger.LogError(failed, "Projection {Name} stopped at position {Position}", failed.Projection, failed.Position);
                }
            }

            try
            {
                await wake.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
