using LedgerExplorer.Core.Application;

namespace LedgerExplorer.App.Features.Snapshots;

/// <summary>
/// The background half of the drift check: every few seconds it checks a budget of snapshots not yet checked
/// under today's fold code against their events (see <see cref="SnapshotVerifier"/>), quarantining any that
/// drifted — so drift is found even in snapshots no load has used yet, without anyone pressing a button.
/// </summary>
public sealed class SnapshotVerification(SnapshotVerifier verifier, ILogger<SnapshotVerification> logger) : BackgroundService
{
    /// <summary>Snapshots checked per pass: each costs about one snapshot interval of events.</summary>
    public const int Budget = 200;

    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keep going while there is work; rest between passes once there is none.
                if (await verifier.VerifySomeAsync(Budget, stoppingToken) > 0) continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Snapshot drift check failed; trying again shortly");
            }

            try
            {
                await Task.Delay(Pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
