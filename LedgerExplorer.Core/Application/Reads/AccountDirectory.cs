using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;

namespace LedgerExplorer.Core.Application.Reads;

/// <summary>
/// Every account as it stands at the head of the log, without replaying it: the balances read model as of its
/// checkpoint, with the events the projector has not applied yet folded on top. Read-model rows and checkpoint
/// come from one read transaction, so they agree; the tail is as long as the projector's lag, not the log.
/// The answer is the full fold's, exactly — only cheaper.
/// </summary>
public sealed class AccountDirectory(IEventStoreReader reader, IPersonalDataVault vault, ReadModelDatabase readModels)
{
    private static readonly BalancesTable Balances = new();

    public async Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var fold = new AccountFold(vault);
        long checkpoint;
        using (var connection = readModels.Open())
        using (var transaction = connection.BeginTransaction(deferred: true))
        {
            checkpoint = new CheckpointStore(readModels, BalancesProjection.ProjectionName, TimeProvider.System).Read(connection, transaction);
            foreach (var row in Balances.LoadAll(connection, transaction))
            {
                fold.Start(AccountId.Parse(row.AccountId), row.ToState(), row.Version);
            }
        }

        await foreach (var page in reader.ReadAllPagesAsync(checkpoint + 1, 2_000, cancellationToken))
        {
            foreach (var stored in page) fold.Apply(stored);
        }

        return fold.Views();
    }
}
