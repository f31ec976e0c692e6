using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LedgerExplorer.App.Features.Identity;

/// <summary>
/// Users and roles, in a database of their own (<c>identity.db</c> beside the ledger): ASP.NET Core Identity's schema,
/// owned by EF Core migrations like the ledger's other files. Starting a ledger over does not touch it.
/// </summary>
public sealed class LedgerIdentityDbContext(DbContextOptions<LedgerIdentityDbContext> options) : IdentityDbContext<IdentityUser, IdentityRole, string>(options);

internal sealed class DesignTimeIdentityDbContextFactory : IDesignTimeDbContextFactory<LedgerIdentityDbContext>
{
    public LedgerIdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LedgerIdentityDbContext>().UseSqlite("Data Source=design-time-identity.db").Options);
}
