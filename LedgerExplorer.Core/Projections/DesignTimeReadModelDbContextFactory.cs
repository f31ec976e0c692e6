using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LedgerExplorer.Core.Projections;

internal sealed class DesignTimeReadModelDbContextFactory : IDesignTimeDbContextFactory<ReadModelDbContext>
{
    public ReadModelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ReadModelDbContext>().UseSqlite("Data Source=design-time-readmodels.db").Options);
}
