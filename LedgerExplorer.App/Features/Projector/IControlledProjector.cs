namespace LedgerExplorer.App.Features.Projector;

/// <summary>A projector the App runs and can stop: a child process, or the loop in this process.</summary>
internal interface IControlledProjector
{
    /// <summary>Starts it if it is not running. Idempotent.</summary>
    Task StartAsync();

    /// <summary>Stops it and waits until it has (between batches: nothing half-applied).</summary>
    Task StopAsync();

    /// <summary>Called about once a second while it should be running: bring it back if it died.</summary>
    Task SuperviseAsync(CancellationToken stoppingToken);
}
