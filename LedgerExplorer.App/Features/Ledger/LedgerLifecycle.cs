using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Core.Composition;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.App.Features.Ledger;

/// <summary>
/// Brings the ledger up before the server takes requests (migrations, WAL, the demo seed) and can start
/// it over as a fresh demo ledger. Starting over replaces the files; it never edits an event.
/// </summary>
public sealed class LedgerLifecycle(
    IOptions<LedgerOptions> options,
    ILedgerLog log,
    ReadModelDatabase readModels,
    ProjectionCatalog projections,
    AccountSnapshots snapshots,
    Core.Privacy.IKeyStore keys,
    IEventStore store,
    LedgerNotifications notifications,
    Projector.ProjectorHost projector,
    OwnerEraser eraser,
    LedgerGate gate,
    TimeProvider clock,
    ILogger<LedgerLifecycle> logger) : IHostedService
{
    private readonly SemaphoreSlim _startingOver = new(1, 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ResetOnStart)
        {
            logger.LogWarning("--reset: deleting the ledger: {Log}", log.Description);
            await log.EnsureCreatedAsync(cancellationToken);
            await log.DeleteAsync(cancellationToken);
            readModels.DeleteFiles();
            keys.DestroyAll();
        }

        await log.EnsureCreatedAsync(cancellationToken);
        readModels.Migrate();

        // A forget that a previous process left half done (the key not yet destroyed, the read models not yet told) finishes now.
        if (await eraser.ResumeAsync() is > 0 and var resumed) logger.LogWarning("Finished {Count} forget(s) a previous run left under way", resumed);
        if (options.Value.SeedDemo)
        {
            var seeded = await DemoLedger.SeedAsync(store, clock.GetUtcNow(), keys, snapshots, cancellationToken);
            if (seeded > 0) logger.LogInformation("Seeded a demo ledger: {Count} events", seeded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Throws the whole ledger away and seeds a fresh demo ledger. Returns the new head position. One at a time; while
    /// it runs, commands are refused (503) rather than decided on the old log and appended to the new one; whatever
    /// happens, the projector is resumed if it was running.
    /// </summary>
    public async Task<long> StartOverAsync(CancellationToken cancellationToken = default)
    {
        await _startingOver.WaitAsync(cancellationToken);
        try
        {
            await using var closed = await gate.CloseAsync("The ledger is being started over; try again in a moment.", cancellationToken);
            // The projector holds the old log open: stop it while the files are replaced (it resumes from the new checkpoints).
            var resume = projector.IsControllable && !projector.IsPaused;
            if (projector.IsControllable) await projector.PauseAsync();
            try
            {
                return await ReplaceLedgerAsync(cancellationToken);
            }
            finally
            {
                if (resume) await projector.ResumeAsync();
            }
        }
        finally
        {
            _startingOver.Release();
        }
    }

    private async Task<long> ReplaceLedgerAsync(CancellationToken cancellationToken)
    {
        await using (await log.PauseWritesAsync(cancellationToken))
        {
            logger.LogWarning("Starting over: deleting the ledger: {Log}", log.Description);
            await log.DeleteAsync(cancellationToken);
            snapshots.Store.Clear();
            keys.DestroyAll(); // the subjects they belonged to are gone with the old log
        }

        var head = await DemoLedger.SeedAsync(store, clock.GetUtcNow(), keys, snapshots, cancellationToken);
        foreach (var runner in projections.All)
        {
            // A new log: every read model starts again from position 0.
            await runner.RebuildAsync(cancellationToken: cancellationToken);
        }

        notifications.Appended(head);
        return head;
    }
}
