using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.App.Features.Accounts;

/// <summary>One account's row in the balances read model, with where that projection stands.</summary>
public sealed record ReadModelReading(BalanceRow? Row, long Checkpoint, long Head)
{
    public static async Task<ReadModelReading> ReadAsync(string accountId, ReadModelDatabase readModels, ProjectionCatalog catalog, CancellationToken cancellationToken = default)
    {
        var status = await catalog.Find(BalancesProjection.ProjectionName)!.GetStatusAsync(cancellationToken);
        await using var context = readModels.CreateContext();
        var row = await context.Balances.FirstOrDefaultAsync(b => b.AccountId == accountId, cancellationToken);
        return new ReadModelReading(row, status.Checkpoint, status.Head);
    }
}
