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

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LedgerExplorer.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("LedgerExplorer.sln not found.");
    }
}
