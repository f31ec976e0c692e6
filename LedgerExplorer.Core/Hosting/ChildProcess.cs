using System.Diagnostics;

namespace LedgerExplorer.Core.Hosting;

/// <summary>
/// A process this one started and owns: its output kept (the last lines, for a failure message), a readiness
/// wait that fails fast if it dies, a graceful stop (SIGTERM, then SIGKILL after a timeout) and a hard kill.
/// Disposing kills it, so a failed start never leaves a process behind. Only ever signals its own PID.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private int _disposed;

    private ChildProcess(Process process, Action<string, bool>? onLine)
    {
        _process = process;
        Id = process.Id;
        process.OutputDataReceived += (_, e) => Keep(e.Data, error: false, onLine);
        process.ErrorDataReceived += (_, e) => Keep(e.Data, error: true, onLine);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id { get; }

    public bool HasExited => Volatile.Read(ref _disposed) == 1 || _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines it wrote, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output);
        }
    }

    /// <param name="onLine">Each line as it comes (the text, and whether it came on stderr).</param>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, Action<string, bool>? onLine = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        return new ChildProcess(process, onLine);
    }

    /// <summary>A built .NET program (<c>dotnet NAME.dll …</c>), run from its own directory.</summary>
    public static ChildProcess StartDotnet(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, Action<string, bool>? onLine = null, string? workingDirectory = null) =>
        File.Exists(dll)
            ? Start("dotnet", new[] { dll }.Concat(arguments), workingDirectory ?? Path.GetDirectoryName(dll), environment, onLine)
            : throw new FileNotFoundException($"{Path.GetFileName(dll)} is not built; build the solution.", dll);

    /// <summary>Polls <paramref name="ready"/> until it says yes; throws if the process exits first or the time runs out.</summary>
    public async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> ready, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{what} exited with code {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                if (await IsReadyAsync(ready, deadline.Token)) return;
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{what} was not ready within {timeout.TotalSeconds:0} s:\n{Output}");
            }
        }
    }

    /// <summary>Not answering yet (connection refused) is "not ready", not a failure.</summary>
    private static async Task<bool> IsReadyAsync(Func<CancellationToken, Task<bool>> ready, CancellationToken cancellationToken)
    {
        try
        {
            return await ready(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Ready when a GET of <paramref name="url"/> answers with a success status.</summary>
    public async Task WaitForHttpAsync(string url, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await WaitUntilReadyAsync(async ct =>
        {
            try
            {
                return (await http.GetAsync(url, ct)).IsSuccessStatusCode;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return false; // this one request timed out; try again
            }
        }, timeout, what, cancellationToken);
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited && !Signals.Terminate(_process.Id)) KillHard();
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
        }

        return _process.ExitCode;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks — as a crash would leave it.</summary>
    public void KillHard()
    {
        if (Volatile.Read(ref _disposed) == 1) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Kills it (if it still runs) and lets go of it; a second dispose does nothing.</summary>
    public ValueTask DisposeAsync()
    {
        KillHard();
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line, bool error, Action<string, bool>? onLine)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptLines) _output.Dequeue();
        }

        onLine?.Invoke(line, error);
    }
}
