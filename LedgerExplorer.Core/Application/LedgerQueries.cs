using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Core.Application;

/// <summary>Reads answered by folding the log itself (not a read model), optionally as of an instant.</summary>
public sealed class LedgerQueries(IEventStoreReader reader)
{
    private const int BatchSize = 2_000;

    private readonly AccountLoader _loader = new(reader);

    public Task<LoadedAccount> GetAccountAsync(AccountId id, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default) =>
        _loader.LoadAsync(id, new StreamReadRange(UntilRecordedAt: asOf), cancellationToken);

    /// <summary>Every account folded from the whole log in global order, optionally only over events recorded at or before <paramref name="asOf"/>.</summary>
    public async Task<IReadOnlyList<AccountView>> ListAccountsAsync(DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var accounts = new Dictionary<string, (AccountId Id, AccountState State, long Version)>(StringComparer.Ordinal);
        for (long from = 1; ;)
        {
            var batch = await reader.ReadAllAsync(from, BatchSize, cancellationToken);
            foreach (var stored in batch)
            {
                if ((asOf is { } t && stored.RecordedAt > t) || !AccountId.TryFromStreamId(stored.StreamId, out var id)) continue;
                var current = accounts.TryGetValue(stored.StreamId, out var found) ? found.State : AccountDecider.Initial;
                accounts[stored.StreamId] = (id, AccountDecider.Evolve(current, EventCodec.Decode(stored)), stored.StreamVersion);
            }

            if (batch.Count < BatchSize) break;
            from = batch[^1].Position + 1;
        }

        return accounts.Values
            .Select(a => AccountView.From(a.Id, a.State, a.Version)!)
            .OrderBy(a => a.Owner, StringComparer.Ordinal)
            .ThenBy(a => a.AccountId, StringComparer.Ordinal)
            .ToList();
    }
}
