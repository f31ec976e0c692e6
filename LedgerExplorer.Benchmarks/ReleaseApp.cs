using LedgerExplorer.Core.Hosting;

namespace LedgerExplorer.Benchmarks;

/// <summary>The App's Release build started as its own process on a loopback port (only 127.0.0.1 is ever contacted; stopped by its PID).</summary>
internal static class ReleaseApp
{
    public static ChildProcess Start(string dataDir, int port, params string[] settings)
    {
        var appDll = Path.Combine(RepositoryRoot(), "LedgerExplorer.App", "bin", "Release", "net10.0", "LedgerExplorer.App.dll");
        if (!File.Exists(appDll)) throw new FileNotFoundException("Build the App in Release first (dotnet build -c Release).", appDll);
        return ChildProcess.StartDotnet(
            appDll,
            ["--urls", $"http://127.0.0.1:{port}", "--Ledger:DataDir", dataDir, "--Ledger:SeedDemo", "false", "--Logging:LogLevel:Default", "Warning", .. settings],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
    }

    /// <summary>A client of the App signed in as a demo user (a bearer token from its Identity API).</summary>
    public static async Task<HttpClient> SignInAsync(string baseUrl, string user = "admin")
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var login = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/identity/login", new { email = user, password = "Ledger-demo-1" });
        login.EnsureSuccessStatusCode();
        var token = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LedgerExplorer.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("LedgerExplorer.sln not found.");
    }
}
