using LedgerExplorer.App.Features.Identity;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Projections;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

/// <summary>
/// Each EF Core model is what its migrations build: a column renamed or an index dropped in <c>OnModelCreating</c>
/// without a migration would leave the code and the schema on disk disagreeing — and only a database made by the
/// migrations (every real one) would notice, at run time.
/// </summary>
public sealed class ModelMatchesMigrationsTests
{
    [Fact]
    public void The_event_logs_model_has_no_change_its_migrations_lack() =>
        AssertNoPendingChanges(new LedgerDbContext(Options<LedgerDbContext>()));

    [Fact]
    public void The_read_models_model_has_no_change_its_migrations_lack() =>
        AssertNoPendingChanges(new ReadModelDbContext(Options<ReadModelDbContext>()));

    [Fact]
    public void The_identity_model_has_no_change_its_migrations_lack() =>
        AssertNoPendingChanges(new LedgerIdentityDbContext(Options<LedgerIdentityDbContext>()));

    private static DbContextOptions<T> Options<T>() where T : DbContext =>
        new DbContextOptionsBuilder<T>().UseSqlite("Data Source=:memory:").Options;

    private static void AssertNoPendingChanges(DbContext context)
    {
        using (context)
        {
            Assert.NotEmpty(context.Database.GetMigrations()); // the comparison below is against these
            Assert.False(context.Database.HasPendingModelChanges(), $"{context.GetType().Name}'s model differs from its migrations' snapshot: add a migration.");
        }
    }
}
