using LedgerExplorer.Core.Composition;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.App.Features.Identity;

/// <summary>At start: brings identity.db to the current migration, makes sure the five roles exist and, in Demo mode, the demo users.</summary>
public sealed class IdentityBootstrap(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await PrepareAsync(scope.ServiceProvider, DemoUsers.ModeOf(configuration));
    }

    public static async Task PrepareAsync(IServiceProvider scoped, AuthMode mode)
    {
        var options = scoped.GetRequiredService<IOptions<LedgerOptions>>().Value;
        Directory.CreateDirectory(options.DataDir);
        Core.Sqlite.SqliteMigrations.Apply(scoped.GetRequiredService<LedgerIdentityDbContext>());
        var roles = scoped.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in LedgerRoles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }

        if (mode != AuthMode.Demo) return;
        var users = scoped.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var (name, role) in DemoUsers.All)
        {
            if (await users.FindByNameAsync(name) is not null) continue;
            var user = new IdentityUser(name) { Email = DemoUsers.EmailOf(name), EmailConfirmed = true };
            Check(await users.CreateAsync(user, DemoUsers.Password), $"demo user {name}");
            Check(await users.AddToRoleAsync(user, role), $"demo user {name}'s role");
        }
    }

    public static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
