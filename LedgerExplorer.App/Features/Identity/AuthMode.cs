namespace LedgerExplorer.App.Features.Identity;

/// <summary>
/// <c>Ledger:Auth</c>. <see cref="Demo"/> (the default): the demo users exist and the top bar's picker signs in as any of
/// them without a password — for a classroom on one machine, so the App refuses to listen beyond loopback in this mode.
/// <see cref="Required"/>: no demo users; people sign in with a password; the first admin is added from the command line.
/// </summary>
public enum AuthMode
{
    Demo,
    Required,
}

/// <summary>The demo users: demo-only, their password is printed in the README.</summary>
public static class DemoUsers
{
    public const string Password = "Ledger-demo-1";

    public const string EmailDomain = "ledger.demo";

    public static IReadOnlyList<(string Name, string Role)> All { get; } =
    [
        ("alice", LedgerRoles.Teller),
        ("bob", LedgerRoles.Manager),
        ("carol", LedgerRoles.Auditor),
        ("dana", LedgerRoles.Privacy),
        ("admin", LedgerRoles.Admin),
    ];

    public static string EmailOf(string name) => $"{name}@{EmailDomain}";

    public static AuthMode ModeOf(IConfiguration configuration) =>
        Enum.TryParse<AuthMode>(configuration["Ledger:Auth"], ignoreCase: true, out var mode) ? mode : AuthMode.Demo;
}
