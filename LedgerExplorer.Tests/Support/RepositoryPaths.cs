namespace LedgerExplorer.Tests.Support;

/// <summary>Where the repository is, and where browser tests put their screenshots.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Set to 1 (as ./screenshots.sh does) to refresh docs/images from the browser tests.</summary>
    public const string RefreshDocsVariable = "LEDGER_SCREENSHOTS";

    /// <summary>
    /// Where a browser test saves a screenshot: docs/images when <see cref="RefreshDocsVariable"/> is 1, otherwise a
    /// temp folder — so an ordinary test run never rewrites a tracked file and leaves <c>git status</c> clean.
    /// </summary>
    public static string Screenshot(string name)
    {
        var directory = Environment.GetEnvironmentVariable(RefreshDocsVariable) == "1"
            ? Path.Combine(Root, "docs", "images")
            : Path.Combine(Path.GetTempPath(), "ledger-screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LedgerExplorer.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("LedgerExplorer.sln not found above " + AppContext.BaseDirectory);
    }
}
