using System.Text;
using LedgerExplorer.Core.Composition;
using Microsoft.AspNetCore.Identity;

namespace LedgerExplorer.App.Features.Identity;

/// <summary>
/// <c>dotnet run --project LedgerExplorer.App -- users add NAME --role ROLE [--Ledger:DataDir=PATH]</c>: adds a user to
/// identity.db with the password read from standard input (not echoed at a terminal) — how the first admin of a
/// <c>Ledger:Auth=Required</c> ledger comes to exist. Exit codes: 0 added, 1 refused (with the reason), 2 usage.
/// </summary>
public static class UsersCommand
{
    public const string Verb = "users";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["add", var name, "--role", var role, .. var settings] || !LedgerRoles.All.Contains(role))
        {
            await Console.Error.WriteLineAsync($"usage: users add NAME --role ROLE   (ROLE: {string.Join(", ", LedgerRoles.All)}; the password is read from standard input)");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOptions<LedgerOptions>().Bind(builder.Configuration.GetSection(LedgerOptions.Section));
        builder.Services.AddIdentityDatabase();
        builder.Services.AddIdentityCore<IdentityUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<LedgerIdentityDbContext>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await IdentityBootstrap.PrepareAsync(scope.ServiceProvider, AuthMode.Required);

        var password = ReadPassword();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(name) is not null)
        {
            await Console.Error.WriteLineAsync($"A user named '{name}' already exists.");
            return 1;
        }

        var user = new IdentityUser(name) { Email = name.Contains('@', StringComparison.Ordinal) ? name : null, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Not added: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            return 1;
        }

        IdentityBootstrap.Check(await users.AddToRoleAsync(user, role), $"{name}'s role");
        Console.WriteLine($"Added {name} ({role}) to {IdentitySetup.DatabasePath(scope.ServiceProvider)}.");
        return 0;
    }

    private static string ReadPassword()
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? "";
        Console.Write("Password: ");
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (password.Length > 0) password.Length--; }
            else password.Append(key.KeyChar);
        }

        Console.WriteLine();
        return password.ToString();
    }
}
