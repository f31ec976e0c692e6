using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>
/// A nats-server with JetStream of our own: loopback, a free port, a temp store directory; ready when its
/// monitor's <c>/healthz?js-enabled-only=true</c> answers; stopped (by PID) and its store deleted on dispose.
/// The walkthrough's second-backend step and the JetStream tests start theirs with it.
/// </summary>
public sealed class LocalNatsServer : IAsyncDisposable
{
    public static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];

    private readonly Process _process;
    private readonly DirectoryInfo _store;

    private LocalNatsServer(Process process, DirectoryInfo store, string url)
    {
        _process = process;
        _store = store;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Null when no nats-server is installed.</summary>
    public static async Task<LocalNatsServer?> TryStartAsync(CancellationToken cancellationToken = default)
    {
        if (Candidates.FirstOrDefault(File.Exists) is not { } executable) return null;
        var store = Directory.CreateTempSubdirectory("ledger-nats-");
        var (port, monitor) = (FreePort(), FreePort());
        var process = Process.Start(new ProcessStartInfo(executable, ["-js", "-a", "127.0.0.1", "-p", Text(port), "-sd", store.FullName, "-m", Text(monitor)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("nats-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LocalNatsServer(process, store, $"nats://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"nats-server exited with code {process.ExitCode}.");
            }

            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{monitor}/healthz?js-enabled-only=true", cancellationToken)).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(50, cancellationToken);
        }

        await server.DisposeAsync();
        throw new TimeoutException("nats-server did not become healthy within 30 s.");
    }

    private static string Text(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _store.Delete(recursive: true);
    }
}
