using System.Globalization;

namespace LedgerExplorer.Core.Hosting;

/// <summary>
/// A nats-server with JetStream of our own: loopback, a free port, a temp store directory; ready when its
/// monitor's <c>/healthz?js-enabled-only=true</c> answers; stopped (by PID) and its store deleted on dispose.
/// The walkthrough's second-backend step, the JetStream tests and the JetStream benchmark start theirs with it.
/// </summary>
public sealed class LocalNatsServer : IAsyncDisposable
{
    public static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];

    private readonly ChildProcess _process;
    private readonly DirectoryInfo _store;

    private LocalNatsServer(ChildProcess process, DirectoryInfo store, string url)
    {
        _process = process;
        _store = store;
        Url = url;
    }

    public string Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>Where nats-server is installed, or null.</summary>
    public static string? Executable => Candidates.FirstOrDefault(File.Exists);

    /// <summary>Null when no nats-server is installed.</summary>
    public static async Task<LocalNatsServer?> TryStartAsync(CancellationToken cancellationToken = default)
    {
        if (Executable is not { } executable) return null;
        var store = Directory.CreateTempSubdirectory("ledger-nats-");
        var (port, monitor) = (FreePort.Next(), FreePort.Next());
        var process = ChildProcess.Start(executable, ["-js", "-a", "127.0.0.1", "-p", Text(port), "-sd", store.FullName, "-m", Text(monitor)]);
        var server = new LocalNatsServer(process, store, $"nats://127.0.0.1:{port}");
        try
        {
            await process.WaitForHttpAsync($"http://127.0.0.1:{monitor}/healthz?js-enabled-only=true", TimeSpan.FromSeconds(30), "nats-server", cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _store.Delete(recursive: true);
    }
}
