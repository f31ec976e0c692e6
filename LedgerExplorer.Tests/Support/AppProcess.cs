using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LedgerExplorer.Tests.Support;

/// <summary>The real App as its own OS process on a free loopback port, so a test can kill it with SIGKILL and start it again.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<AppProcess> StartAsync(string dataDir)
    {
        var port = FreePort();
        var appDirectory = AppDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(appDirectory, "LedgerExplorer.App.dll"), "--urls", $"http://127.0.0.1:{port}", "--Ledger:DataDir", dataDir, "--Ledger:SeedDemo", "false", "--Projector:Mode", "External" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The App did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, $"http://127.0.0.1:{port}");
        try
        {
            await app.WaitUntilReadyAsync();
        }
        catch
        {
            await app.DisposeAsync(); // never leave a process behind a failed start
            throw;
        }

        return app;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks — as a power cut would leave it.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The App exited with code {_process.ExitCode} before it was ready.");
            try
            {
                if ((await client.GetAsync(BaseUrl + "/api/accounts")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The App did not answer within 60 s.");
    }

    /// <summary>The App's own build output beside this test assembly's (same configuration and framework).</summary>
    private static string AppDirectory()
    {
        var relative = Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "LedgerExplorer.Tests"), AppContext.BaseDirectory);
        var directory = Path.Combine(RepositoryPaths.Root, "LedgerExplorer.App", relative);
        return File.Exists(Path.Combine(directory, "LedgerExplorer.App.dll"))
            ? directory
            : throw new FileNotFoundException($"LedgerExplorer.App.dll is not built at {directory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
