using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Projections;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.App.Features.Projector;

/// <summary>
/// Where the App's projector runs, and the one handle the App has on it: a <see cref="ChildProjector"/> (the
/// default), an <see cref="InProcessProjector"/>, or — <see cref="ProjectorMode.External"/> — one run by hand
/// that the App only watches through its heartbeat. "Pause" stops it: a consumer outage, while the log keeps
/// taking writes.
/// </summary>
public sealed class ProjectorHost : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ProjectorHeartbeat _heartbeat;
    private readonly IControlledProjector? _projector;
    private readonly ILogger<ProjectorHost> _logger;
    private bool _paused;

    public ProjectorHost(IOptions<ProjectorOptions> options, IOptions<LedgerOptions> ledger, IConfiguration configuration,
        ProjectorLoop loop, ProjectorHeartbeat heartbeat, LedgerNotifications notifications, TimeProvider clock, ILogger<ProjectorHost> logger)
    {
        Mode = options.Value.Mode;
        _heartbeat = heartbeat;
        _logger = logger;
        _projector = Mode switch
        {
            ProjectorMode.Child => ChildProjector.ForApp(ledger.Value, configuration, heartbeat, clock, logger),
            ProjectorMode.InProcess => new InProcessProjector(loop, notifications),
            _ => null,
        };
    }

    public ProjectorMode Mode { get; }

    /// <summary>Whether the App can pause and resume it (not when it is run by hand).</summary>
    public bool IsControllable => _projector is not null;

    public bool IsPaused => _paused;

    /// <summary>The child's supervision (restarts in a row, why, when next): null unless it runs as a child.</summary>
    public ProjectorSupervision? Supervision => (_projector as ChildProjector)?.Supervision;

    /// <summary>From the heartbeat; a projector the App stopped on purpose reads as paused rather than stopped.</summary>
    public ProjectorLiveness Liveness => _heartbeat.Read() is var seen && _paused && seen.State == ProjectorRunState.Stopped
        ? seen with { State = ProjectorRunState.Paused }
        : seen;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_projector is null)
        {
            _logger.LogInformation("Projector:Mode=External: start it by hand (dotnet run --project LedgerExplorer.Projector)");
            return;
        }

        await StartProjectorAsync();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await UnderGateAsync(() => _paused ? Task.CompletedTask : _projector.SuperviseAsync(stoppingToken));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_projector is not null) await UnderGateAsync(_projector.StopAsync);
    }

    /// <summary>Stops the projector until <see cref="ResumeAsync"/>: read models stay where they are while writes go on.</summary>
    public async Task PauseAsync()
    {
        var projector = _projector ?? throw NotControllable("stop");
        await UnderGateAsync(async () =>
        {
            _paused = true;
            await projector.StopAsync();
        });
    }

    public async Task ResumeAsync()
    {
        if (_projector is null) throw NotControllable("start");
        await UnderGateAsync(() =>
        {
            _paused = false;
            return Task.CompletedTask;
        });
        await StartProjectorAsync();
    }

    private Task StartProjectorAsync() => UnderGateAsync(() => _paused ? Task.CompletedTask : _projector!.StartAsync());

    private async Task UnderGateAsync(Func<Task> action)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static InvalidOperationException NotControllable(string verb) =>
        new($"The projector is run by hand (Projector:Mode=External); {verb} it where it runs.");
}
