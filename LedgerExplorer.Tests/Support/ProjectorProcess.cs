using LedgerExplorer.Core.Hosting;

namespace LedgerExplorer.Tests.Support;

/// <summary>The real <c>LedgerExplorer.Projector</c> as its own OS process on a data directory, so a test can SIGTERM or SIGKILL it.</summary>
public sealed class ProjectorProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ProjectorProcess(ChildProcess process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => _process.Output;

    public static ProjectorProcess Start(string dataDir, params string[] settings) =>
        // Tests -> App -> Projector: the projector's build output is copied beside this assembly.
        new(ChildProcess.StartDotnet(
            Path.Combine(AppContext.BaseDirectory, "LedgerExplorer.Projector.dll"),
            new[] { $"--Ledger:DataDir={dataDir}", "--Projector:PollMilliseconds=10", "--Logging:Console:FormatterName=simple", "--Logging:Console:FormatterOptions:SingleLine=true" }.Concat(settings),
            workingDirectory: dataDir));

    /// <summary>SIGKILL: no shutdown, no finally blocks — the batch in flight is simply gone.</summary>
    public void KillHard() => _process.KillHard();

    /// <summary>SIGTERM, as a service manager stops it; waits for it to exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        Signals.Terminate(_process.Id);
        await _process.WaitForExitAsync(timeout);
        return _process.ExitCode;
    }

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
