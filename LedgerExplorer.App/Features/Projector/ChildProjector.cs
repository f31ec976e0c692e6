using System.Globalization;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Hosting;
using LedgerExplorer.Core.Projections;

namespace LedgerExplorer.App.Features.Projector;

/// <summary>
/// <c>LedgerExplorer.Projector</c> as a child process (Projector:Mode=Child), supervised: started beside the App;
/// started again when it dies — after a back-off that doubles from 1 s to a minute while it keeps failing, so a
/// projector that cannot start is not relaunched every second forever; killed and replaced when it stays alive but
/// stops beating (hung); a launch that throws is a failure like any other, never the App's end. If it stands down
/// because another projector already holds the read models (another App on the same data), the App only watches.
/// </summary>
internal sealed class ChildProjector(Func<ChildProcess> launch, Func<ProjectorLiveness> liveness, TimeProvider clock, ILogger logger) : IControlledProjector
{
    public static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);

    /// <summary>How long a fresh child has to write its first heartbeat before it counts as hung.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(20);

    private ChildProcess? _child;
    private DateTimeOffset _startedAt;
    private bool _deferred; // another process's projector owns the read models
    private int _failures;
    private string? _lastFailure;
    private DateTimeOffset? _nextAttemptAt;

    public ProjectorSupervision Supervision => new(_failures, _lastFailure, _child is null && !_deferred ? _nextAttemptAt : null);

    /// <summary>The real projector: the built <c>LedgerExplorer.Projector.dll</c> beside the App, with the App's settings in its environment.</summary>
    public static ChildProjector ForApp(LedgerOptions ledger, IConfiguration configuration, ProjectorHeartbeat heartbeat, TimeProvider clock, ILogger logger) =>
        new(() => ChildProcess.StartDotnet(Path.Combine(AppContext.BaseDirectory, "LedgerExplorer.Projector.dll"), [], SettingsForChild(ledger, configuration)),
            heartbeat.Read, clock, logger);

    public Task StartAsync()
    {
        _deferred = false;
        _failures = 0;
        _nextAttemptAt = null;
        if (_child is not { HasExited: false }) TryStart();
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        _deferred = false;
        _nextAttemptAt = null;
        if (_child is not { } child) return;
        // SIGTERM: the host stops the loop between batches, writes a last "stopped" heartbeat and exits.
        await child.StopAsync(TimeSpan.FromSeconds(10));
        await child.DisposeAsync();
        _child = null;
    }

    public async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        if (_deferred || stoppingToken.IsCancellationRequested) return;
        var now = clock.GetUtcNow();
        if (_child is { HasExited: false } running)
        {
            var seen = liveness();
            var beating = seen.ProcessId == running.Id && seen.LastBeatAt is { } beat && beat >= _startedAt && now - beat <= ProjectorHeartbeat.StaleAfter;
            if (beating)
            {
                _failures = 0; // running well: the next failure starts the back-off afresh
                _lastFailure = null;
                return;
            }

            if (now - _startedAt < StartGrace && seen.ProcessId != running.Id) return; // still starting
            logger.LogWarning("The projector process {Pid} is alive but has not beaten since {Beat}; killing it", running.Id, seen.LastBeatAt);
            running.KillHard();
            await running.DisposeAsync();
            _child = null;
            Failed(now, $"process {running.Id} hung (no heartbeat for {ProjectorHeartbeat.StaleAfter.TotalSeconds:0} s); killed");
            return;
        }

        if (_child is { } dead)
        {
            var (pid, exitCode) = (dead.Id, dead.ExitCode);
            await dead.DisposeAsync();
            _child = null;
            if (exitCode == ProjectorExitCodes.AlreadyRunning)
            {
                logger.LogWarning("Another projector already runs on this read-model database (another App?); not starting one, watching its heartbeat");
                _deferred = true;
                return;
            }

            Failed(now, $"process {pid} exited with code {exitCode}");
            return;
        }

        if (_nextAttemptAt is null || now >= _nextAttemptAt) TryStart();
    }

    private void TryStart()
    {
        try
        {
            _child = launch();
            _startedAt = clock.GetUtcNow();
            _nextAttemptAt = null;
            logger.LogInformation("Started the projector as process {Pid}", _child.Id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _child = null;
            Failed(clock.GetUtcNow(), $"could not start: {e.Message}");
        }
    }

    private void Failed(DateTimeOffset now, string why)
    {
        _failures++;
        _lastFailure = why;
        var wait = TimeSpan.FromTicks(Math.Min(MaxBackOff.Ticks, FirstBackOff.Ticks * (1L << Math.Min(_failures - 1, 20))));
        _nextAttemptAt = now + wait;
        logger.LogWarning("The projector {Why}; trying again in {Seconds:0} s ({Failures} failure(s) in a row)", why, wait.TotalSeconds, _failures);
    }

    /// <summary>
    /// The child sees the same ledger: the App's EventStore and Projector settings, the data directory made
    /// absolute. Passed in its environment (<c>Section__Key</c>), not on its command line, where every local
    /// user could read them in <c>ps</c>.
    /// </summary>
    public static Dictionary<string, string> SettingsForChild(LedgerOptions ledger, IConfiguration configuration)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in new[] { "EventStore", ProjectorOptions.Section })
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null) settings[key] = value;
            }
        }

        settings["Ledger:DataDir"] = Path.GetFullPath(ledger.DataDir);
        settings["Projector:ParentProcessId"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        settings["Logging:Console:FormatterName"] = "simple";
        settings["Logging:Console:FormatterOptions:SingleLine"] = "true";
        return settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value, StringComparer.Ordinal);
    }
}
