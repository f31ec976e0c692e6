using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LedgerExplorer.Tests.Support;

/// <summary>
/// A real nats-server with JetStream on a free loopback port and a temp store directory, started once for the
/// test run (on first use) and stopped by PID when the run ends. A missing nats-server is a failure with the
/// fix in the message, never a skip: ./test.sh installs it.
/// </summary>
public sealed class NatsServer : IAsyncDisposable
{
    private static readonly Lazy<Task<NatsServer>> SharedServer = new(() => StartAsync());

    private readonly Process _process;
    private readonly TempDirectory _store;

    private NatsServer(Process process, TempDirectory store, string url)
    {
        _process = process;
        _store = store;
        Url = url;
    }

    public string Url { get; }

    public static Task<NatsServer> Shared => SharedServer.Value;

    public static string? Executable => new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists);

    public static async Task<NatsServer> StartAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException(
            "The JetStream tests need nats-server: run ./test.sh (it installs it when root) or apt-get install -y nats-server.");
        var store = new TempDirectory();
        var port = FreePort();
        var monitor = FreePort();
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-js", "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", store.Path, "-m", monitor.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NatsServer(process, store, $"nats://127.0.0.1:{port}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"nats-server exited with code {process.ExitCode}.");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{monitor}/healthz?js-enabled-only=true")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        server.Stop();
        throw new TimeoutException("nats-server did not become healthy within 30 s.");
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5_000);
        }

        _store.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
