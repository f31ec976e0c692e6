using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Core.Application;

/// <summary>Reads answered by folding the log itself (not a read model), optionally as of an instant.</summary>
public sealed class LedgerQueries(IEventStoreReader reader, IPersonalDataVault vault, AccountSnapshots? snapshots = null)
{
    private const int BatchSize = 2_000;

    private readonly AccountLoader _loader = new(reader, vault, snapshots);

    /// <summary>One account folded from its stream (snapshot + tail), optionally as of an instant: events recorded at or before it.</summary>
    public Task<LoadedAccount> GetAccountAsync(AccountId id, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default) =>
        _loader.LoadAsync(id, new StreamReadRange(UntilRecordedAt: asOf), cancellationToken);

    /// <summary>One account as of a global position: the same fold, stopped at an event rather than an instant.</summary>
    public Task<LoadedAccount> GetAccountAtPositionAsync(AccountId id, long position, CancellationToken cancellationToken = default) =>
        _loader.LoadAsync(id, new StreamReadRange(UntilPosition: position), cancellationToken);

    /// <summary>
    /// Every account folded from the whole log in global order, optionally only over events recorded at
    /// or before <paramref name="asOf"/> or at or below global position <paramref name="upToPosition"/>.
    /// </summary>
    public async Task<IReadOnlyList<AccountView>> ListAccountsAsync(DateTimeOffset? asOf = null, long? upToPosition = null, CancellationToken cancellationToken = default)
    {
        var accounts = new Dictionary<string, (AccountId Id, AccountState State, long Version)>(StringComparer.Ordinal);
        await foreach (var page in reader.ReadAllPagesAsync(1, BatchSize, cancellationToken))
        {
            foreach (var stored in page)
            {
                if (stored.Position > upToPosition) break;
                if ((asOf is { } t && stored.RecordedAt > t) || !AccountId.TryFromStreamId(stored.StreamId, out var id)) continue;
                var current = accounts.TryGetValue(stored.StreamId, out var found) ? found.State : AccountDecider.Initial;
                accounts[stored.StreamId] = (id, AccountDecider.Evolve(current, EventCodec.Decode(stored, vault)), stored.StreamVersion);
            }

            if (page[^1].Position >= upToPosition) break;
        }

        return accounts.Values
            .Select(a => AccountView.From(a.Id, a.State, a.Version)!)
            .OrderBy(a => a.Owner, StringComparer.Ordinal)
            .ThenBy(a => a.AccountId, StringComparer.Ordinal)
            .ToList();
    }
}
