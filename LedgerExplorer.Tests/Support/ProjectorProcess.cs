using System.Diagnostics;

namespace LedgerExplorer.Tests.Support;

/// <summary>The real <c>LedgerExplorer.Projector</c> as its own OS process on a data directory, so a test can SIGTERM or SIGKILL it.</summary>
public sealed class ProjectorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private ProjectorProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output);
        }
    }

    public static ProjectorProcess Start(string dataDir, params string[] settings)
    {
        // Tests -> App -> Projector: the projector's build output is copied beside this assembly.
        var dll = Path.Combine(AppContext.BaseDirectory, "LedgerExplorer.Projector.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("LedgerExplorer.Projector.dll is not built beside the tests.", dll);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, $"--Ledger:DataDir={dataDir}", "--Projector:PollMilliseconds=10", "--Logging:Console:FormatterName=simple", "--Logging:Console:FormatterOptions:SingleLine=true" }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var projector = new ProjectorProcess(Process.Start(start) ?? throw new InvalidOperationException("The projector did not start."));
        projector._process.OutputDataReceived += (_, e) => projector.Keep(e.Data);
        projector._process.ErrorDataReceived += (_, e) => projector.Keep(e.Data);
        projector._process.BeginOutputReadLine();
        projector._process.BeginErrorReadLine();
        return projector;
    }

    /// <summary>SIGKILL: no shutdown, no finally blocks — the batch in flight is simply gone.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops it; waits for it to exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }
}
