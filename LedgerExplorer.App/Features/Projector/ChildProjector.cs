using System.Globalization;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Hosting;
using LedgerExplorer.Core.Projections;

namespace LedgerExplorer.App.Features.Projector;

/// <summary>
/// <c>LedgerExplorer.Projector</c> as a child process (Projector:Mode=Child): started beside the App, started
/// again if it dies (it resumes from its checkpoint), stopped with SIGTERM. If it stands down because another
/// projector already holds the read models (another App on the same data), the App only watches the heartbeat.
/// </summary>
internal sealed class ChildProjector(LedgerOptions ledger, IConfiguration configuration, ILogger logger) : IControlledProjector
{
    private ChildProcess? _child;
    private bool _deferred; // another process's projector owns the read models

    public Task StartAsync()
    {
        if (_deferred || _child is { HasExited: false }) return Task.CompletedTask;
        _ = _child?.DisposeAsync();
        _child = StartChild();
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        _deferred = false;
        if (_child is not { } child) return;
        // SIGTERM: the host stops the loop between batches, writes a last "stopped" heartbeat and exits.
        await child.StopAsync(TimeSpan.FromSeconds(10));
        await child.DisposeAsync();
        _child = null;
    }

    public async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        if (_child is not { HasExited: true } dead || stoppingToken.IsCancellationRequested) return;
        await dead.DisposeAsync();
        _child = null;
        if (dead.ExitCode == ProjectorExitCodes.AlreadyRunning)
        {
            logger.LogWarning("Another projector already runs on this read-model database (another App?); not starting one, watching its heartbeat");
            _deferred = true;
            return;
        }

        logger.LogWarning("The projector process {Pid} exited with code {Code}; starting it again", dead.Id, dead.ExitCode);
        _child = StartChild();
    }

    private ChildProcess StartChild()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LedgerExplorer.Projector.dll");
        var child = ChildProcess.StartDotnet(dll, [], SettingsForChild(), onLine: null);
        logger.LogInformation("Started the projector as process {Pid}", child.Id);
        return child;
    }

    /// <summary>
    /// The child sees the same ledger: the App's EventStore and Projector settings, the data directory made
    /// absolute. Passed in its environment (<c>Section__Key</c>), not on its command line, where every local
    /// user could read them in <c>ps</c>.
    /// </summary>
    private Dictionary<string, string> SettingsForChild()
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
