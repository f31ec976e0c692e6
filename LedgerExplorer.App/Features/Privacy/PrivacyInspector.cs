using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Serialization;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.App.Features.Privacy;

/// <summary>Gathers the evidence the Privacy page shows, from the log, the key store and the read model.</summary>
public sealed class PrivacyInspector(IEventStoreReader reader, IKeyStore keys, LedgerQueries queries, ReadModelDatabase readModels)
{
    public async Task<PrivacyView?> InspectAsync(AccountId id, CancellationToken cancellationToken = default)
    {
        StoredEvent? opened = null;
        await foreach (var e in reader.ReadStreamAsync(id.StreamId, new StreamReadRange(ToVersion: 1), cancellationToken)) opened = e;
        if (opened is null || EventCodec.EncryptedOwnerOf(opened) is not { } encrypted) return null;

        var account = (await queries.GetAccountAsync(id, cancellationToken: cancellationToken)).View!;
        await using var context = readModels.CreateContext();
        var row = await context.Balances.FirstOrDefaultAsync(b => b.AccountId == id.Value, cancellationToken);
        return new PrivacyView(id.Value, opened.Position, opened.Data, ReadModelDump.Sha256(opened.Data), encrypted,
            keys.TryDecrypt(id.Value, encrypted), keys.KeyIdOf(id.Value), account.Owner, account.Balance, row?.Balance);
    }
}
