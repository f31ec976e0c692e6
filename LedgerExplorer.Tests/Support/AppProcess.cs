using System.Net.Http.Json;
using LedgerExplorer.Core.Hosting;

namespace LedgerExplorer.Tests.Support;

/// <summary>The real App as its own OS process on a free loopback port, so a test can kill it with SIGKILL and start it again.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private AppProcess(ChildProcess process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <param name="settings">More configuration (<c>EventStore:Backend</c>, <c>Projector:Mode</c> — External unless given …).</param>
    public static async Task<AppProcess> StartAsync(string dataDir, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        var arguments = new Dictionary<string, string> { ["Ledger:DataDir"] = dataDir, ["Ledger:SeedDemo"] = "false", ["Projector:Mode"] = "External" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) arguments[key] = value;
        var process = ChildProcess.StartDotnet(
            Path.Combine(AppDirectory(), "LedgerExplorer.App.dll"),
            ["--urls", $"http://127.0.0.1:{port}", .. arguments.SelectMany(a => new[] { "--" + a.Key, a.Value })],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        var app = new AppProcess(process, $"http://127.0.0.1:{port}");
        try
        {
            await process.WaitForHttpAsync(app.BaseUrl + "/api/health", TimeSpan.FromSeconds(60), "The App");
        }
        catch
        {
            await app.DisposeAsync(); // never leave a process behind a failed start
            throw;
        }

        return app;
    }

    /// <summary>A client signed in as a demo user: a bearer token from the App's Identity API.</summary>
    public async Task<HttpClient> SignInAsync(string user = LedgerAppFactory.DefaultUser, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Authorization = await DemoSignIn.BearerAsync(http, user);
        return http;
    }

    /// <summary>Runs the App's build as a one-off command (<c>users add …</c>, or a start that should refuse), with <paramref name="input"/> on its standard input; its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, string? input = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppDirectory(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppDirectory(), "LedgerExplorer.App.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // ours, by its PID
            throw new TimeoutException($"dotnet LedgerExplorer.App.dll {string.Join(' ', arguments)} did not finish within 60 s.");
        }

        return (process.ExitCode, await output + await errors);
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks — as a crash would leave it.</summary>
    public void KillHard() => _process.KillHard();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>The App's own build output beside this test assembly's (same configuration and framework).</summary>
    private static string AppDirectory()
    {
        var relative = Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "LedgerExplorer.Tests"), AppContext.BaseDirectory);
        return Path.Combine(RepositoryPaths.Root, "LedgerExplorer.App", relative);
    }
}
