namespace LedgerExplorer.App;

/// <summary>Flags that are not ASP.NET configuration (which wants <c>--key value</c> pairs).</summary>
internal static class CommandLine
{
    public static (bool Present, string[] Remaining) TakeFlag(string[] args, string flag) =>
        (args.Contains(flag, StringComparer.Ordinal), args.Where(a => a != flag).ToArray());
}
