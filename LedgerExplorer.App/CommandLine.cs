namespace LedgerExplorer.App;

/// <summary>Flags that are not ASP.NET configuration (which wants <c>--key value</c> pairs).</summary>
internal static class CommandLine
{
    public static (bool Present, string[] Remaining) TakeFlag(string[] args, string flag) =>
        (args.Contains(flag, StringComparer.Ordinal), args.Where(a => a != flag).ToArray());

    /// <summary>An option with a value (<c>--digest FILE</c>), taken out of the arguments; null when absent.</summary>
    public static (string? Value, string[] Remaining) TakeOption(string[] args, string option)
    {
        var at = Array.IndexOf(args, option);
        if (at < 0 || at == args.Length - 1) return (null, args);
        return (args[at + 1], [.. args[..at], .. args[(at + 2)..]]);
    }
}
