namespace LedgerExplorer.Tests.Support;

/// <summary>Where the repository is, so browser tests can keep docs/images current.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Screenshot(string name)
    {
        var directory = Path.Combine(Root, "docs", "images");
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
