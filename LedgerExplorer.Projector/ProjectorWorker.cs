using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.Projector;

/// <summary>
/// Hosts the <see cref="ProjectorLoop"/>: brings the databases' schemas up to date, makes sure it is the only
/// projector on this read-model database (an OS file lock — two writers of one checkpoint would each
/// think they own it), then runs the loop until the host stops (SIGTERM, Ctrl+C).
/// </summary>
public sealed class ProjectorWorker(
    ProjectorLoop loop,
    ILedgerLog log,
    ReadModelDatabase readModels,
    IOptions<ProjectorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ProjectorWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lockPath = readModels.Path + ".projector.lock";
        FileStream? held;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            logger.LogError("Another projector is already running on {Path}; this one exits", readModels.Path);
            Environment.ExitCode = ProjectorExitCodes.AlreadyRunning;
            lifetime.StopApplication();
            return;
        }

        await using (held)
        {
            logger.LogInformation("Projecting {Log} into {ReadModels}", log.Description, readModels.Path);
            await log.EnsureCreatedAsync(stoppingToken); // idempotent; the log may not exist yet when the projector is started first
            readModels.Migrate();
            using var orphaned = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var watch = WatchParentAsync(orphaned);
            await loop.RunAsync(wake: null, orphaned.Token);
            await orphaned.CancelAsync();
            await watch;
            if (!stoppingToken.IsCancellationRequested) lifetime.StopApplication();
        }
    }

    /// <summary>A child whose App is gone (killed, say) would hold the lock and keep projecting for nobody: it stops too.</summary>
    private async Task WatchParentAsync(CancellationTokenSource orphaned)
    {
        if (options.Value.ParentProcessId is not (> 0 and var parent)) return;
        try
        {
            while (!orphaned.IsCancellationRequested)
            {
                if (!IsAlive(parent))
                {
                    logger.LogWarning("The App (process {Pid}) is gone; the projector stops", parent);
                    await orphaned.CancelAsync();
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), orphaned.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
