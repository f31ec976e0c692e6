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

    /// <summary>The watchdog's process id (the server runs as its child).</summary>
    public int ProcessId => _process.Id;

    public string MonitorUrl { get; private init; } = "";

    /// <summary>The server's store directory (JetStream's files are under it): for proofs that look at what is on disk.</summary>
    public string StoreDirectory => _store.FullName;

    /// <summary>Where nats-server is installed, or null.</summary>
    public static string? Executable => Candidates.FirstOrDefault(File.Exists);

    /// <summary>
    /// A watchdog between us and the server: it runs nats-server and ends it when the process that started it is gone,
    /// even if that one was SIGKILLed (which runs no cleanup of ours) — so a server is never left running for nobody.
    /// </summary>
    internal const string Watchdog =
        "parent=$1; shift; \"$@\" & server=$!; trap 'kill $server 2>/dev/null; exit 0' TERM INT; " +
        "while kill -0 \"$parent\" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done; kill $server 2>/dev/null; wait $server";

    /// <summary>Null when no nats-server is installed. It stops by itself if <paramref name="ownerProcessId"/> (default: this process) dies.</summary>
    public static async Task<LocalNatsServer?> TryStartAsync(CancellationToken cancellationToken = default, int? ownerProcessId = null)
    {
        if (Executable is not { } executable) return null;
        var store = Directory.CreateTempSubdirectory("ledger-nats-");
        var (port, monitor) = FreePort.Next(2) is [var p, var m] ? (p, m) : throw new InvalidOperationException();
        var process = ChildProcess.Start("/bin/sh", ["-c", Watchdog, "watchdog", Text(ownerProcessId ?? Environment.ProcessId), executable,
            "-js", "-a", "127.0.0.1", "-p", Text(port), "-sd", store.FullName, "-m", Text(monitor)]);
        var server = new LocalNatsServer(process, store, $"nats://127.0.0.1:{port}") { MonitorUrl = $"http://127.0.0.1:{monitor}" };
        try
        {
            await process.WaitForHttpAsync($"{server.MonitorUrl}/healthz?js-enabled-only=true", TimeSpan.FromSeconds(30), "nats-server", cancellationToken);
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
