using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>A nats-server with JetStream for one demonstration: loopback, a free port, a temp store; stopped (by PID) and deleted on dispose.</summary>
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
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var process = Process.Start(new ProcessStartInfo(executable, ["-js", "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", store.FullName])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("nats-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new LocalNatsServer(process, store, $"nats://127.0.0.1:{port}");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("nats-server did not accept connections within 5 s.");
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
