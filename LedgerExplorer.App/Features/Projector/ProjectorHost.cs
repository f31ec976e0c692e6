using System.Diagnostics;
using System.Runtime.InteropServices;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Projections;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.App.Features.Projector;

/// <summary>
/// Where the App's projector runs, and the one handle the App has on it. In <see cref="ProjectorMode.Child"/> it
/// starts <c>LedgerExplorer.Projector</c> as a child process (and restarts it if it dies), stops it with SIGTERM on
/// shutdown, and "pause" means stopping that process — a consumer outage, while the log keeps taking writes.
/// In <see cref="ProjectorMode.InProcess"/> the same <see cref="ProjectorLoop"/> runs here, woken at once by local
/// appends. In <see cref="ProjectorMode.External"/> someone runs it by hand and the App only watches its heartbeat.
/// </summary>
public sealed partial class ProjectorHost(
    IOptions<ProjectorOptions> options,
    IOptions<LedgerOptions> ledger,
    IConfiguration configuration,
    ProjectorLoop loop,
    ProjectorHeartbeat heartbeat,
    LedgerNotifications notifications,
    ILogger<ProjectorHost> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _child;
    private bool _paused;
    private bool _deferred; // another process's projector owns the read models
    private CancellationTokenSource? _inProcess;
    private Task _inProcessRun = Task.CompletedTask;

    public ProjectorMode Mode => options.Value.Mode;

    /// <summary>Whether the App can pause and resume it (not when it is run by hand).</summary>
    public bool IsControllable => Mode != ProjectorMode.External;

    public bool IsPaused => _paused;

    /// <summary>From the heartbeat; a projector the App stopped on purpose reads as paused rather than stopped.</summary>
    public ProjectorLiveness Liveness => heartbeat.Read() is var seen && _paused && seen.State == ProjectorRunState.Stopped
        ? seen with { State = ProjectorRunState.Paused }
        : seen;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Mode == ProjectorMode.External)
        {
            logger.LogInformation("Projector:Mode=External: start it by hand (dotnet run --project LedgerExplorer.Projector)");
            return;
        }

        await StartAsync();

        // Supervise the child: a projector that died is started again (it resumes from its checkpoint).
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

            await _gate.WaitAsync(CancellationToken.None);
            try
            {
                if (Mode == ProjectorMode.Child && !_paused && _child is { HasExited: true, ExitCode: AlreadyRunningExitCode } other)
                {
                    logger.LogWarning("Another projector already runs on this read-model database (another App?); not starting one, watching its heartbeat");
                    other.Dispose();
                    _child = null;
                    _deferred = true;
                }
                else if (Mode == ProjectorMode.Child && !_paused && _child is { HasExited: true } dead && !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("The projector process {Pid} exited with code {Code}; starting it again", dead.Id, dead.ExitCode);
                    dead.Dispose();
                    _child = StartChild();
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await StopAsync(pausing: false);
    }

    /// <summary>Stops the projector until <see cref="ResumeAsync"/>: read models stay where they are while writes go on.</summary>
    public async Task PauseAsync()
    {
        if (!IsControllable) throw new InvalidOperationException("The projector is run by hand (Projector:Mode=External); stop it where it runs.");
        await StopAsync(pausing: true);
    }

    public async Task ResumeAsync()
    {
        if (!IsControllable) throw new InvalidOperationException("The projector is run by hand (Projector:Mode=External); start it where it runs.");
        _paused = false;
        await StartAsync();
    }

    private async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_paused) return;
            _deferred = false;
            if (Mode == ProjectorMode.Child && !_deferred && _child is null or { HasExited: true })
            {
                _child?.Dispose();
                _child = StartChild();
            }
            else if (Mode == ProjectorMode.InProcess && _inProcessRun.IsCompleted)
            {
                _inProcess = new CancellationTokenSource();
                var token = _inProcess.Token;
                _inProcessRun = Task.Run(() => loop.RunAsync(WaitForAppendAsync, token), CancellationToken.None);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StopAsync(bool pausing)
    {
        await _gate.WaitAsync();
        try
        {
            _paused = pausing;
            if (_child is { } child)
            {
                await StopChildAsync(child);
                child.Dispose();
                _child = null;
            }

            if (_inProcess is { } cts)
            {
                await cts.CancelAsync();
                await _inProcessRun;
                cts.Dispose();
                _inProcess = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private Process StartChild()
    {
        var directory = AppContext.BaseDirectory;
        var dll = Path.Combine(directory, "LedgerExplorer.Projector.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("The projector is built beside the App; build the solution.", dll);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in SettingsForChild()) start.ArgumentList.Add($"--{key}={value}");

        var process = Process.Start(start) ?? throw new InvalidOperationException("The projector process did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) logger.LogInformation("projector[{Pid}] {Line}", process.Id, line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) logger.LogWarning("projector[{Pid}] {Line}", process.Id, line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        logger.LogInformation("Started the projector as process {Pid}", process.Id);
        return process;
    }

    /// <summary>The child sees the same ledger: the App's Ledger, EventStore and Projector settings, the data directory made absolute.</summary>
    private IEnumerable<(string Key, string Value)> SettingsForChild()
    {
        foreach (var section in new[] { "EventStore", ProjectorOptions.Section })
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null) yield return (key, value);
            }
        }

        yield return ("Ledger:DataDir", Path.GetFullPath(ledger.Value.DataDir));
        yield return ("Projector:ParentProcessId", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        yield return ("Logging:Console:FormatterName", "simple");
        yield return ("Logging:Console:FormatterOptions:SingleLine", "true");
    }

    private async Task StopChildAsync(Process child)
    {
        if (child.HasExited) return;
        // SIGTERM: the host stops the loop between batches, writes a last "stopped" heartbeat and exits.
        if (Kill(child.Id, SigTerm) != 0) child.Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The projector {Pid} did not stop within 10 s of SIGTERM; killing it", child.Id);
            child.Kill();
            await child.WaitForExitAsync(CancellationToken.None);
        }
    }

    private async Task WaitForAppendAsync(TimeSpan poll, CancellationToken cancellationToken)
    {
        var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = notifications.Subscribe(_ => appended.TrySetResult());
        try
        {
            await appended.Task.WaitAsync(poll, cancellationToken);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    private const int SigTerm = 15;

    /// <summary><c>LedgerExplorer.Projector.ProjectorWorker.AlreadyRunning</c>: the exit code of a projector that found another one holding the lock.</summary>
    private const int AlreadyRunningExitCode = 3;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
