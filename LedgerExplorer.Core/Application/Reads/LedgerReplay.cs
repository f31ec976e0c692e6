using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Core.Application.Reads;

/// <summary>
/// Every account folded from the whole log, from position 1, in global order — the definition of what every faster
/// read must answer. It costs the length of the log, so nothing on a screen calls it; the tests compare the fast
/// reads with it, and the scale benchmark reports it as "before". (Also what a ledger without read models answers.)
/// </summary>
public sealed class LedgerReplay(IEventStoreReader reader, IPersonalDataVault vault)
{
    private const int PageSize = 2_000;

    /// <summary>Folds the events at or below <paramref name="upToPosition"/> and, of those, the ones <paramref name="slice"/> includes (happened by its as-of, recorded by its known-at).</summary>
    public async Task<IReadOnlyList<AccountView>> ListAccountsAsync(TimeSlice? slice = null, long? upToPosition = null, CancellationToken cancellationToken = default)
    {
        slice ??= TimeSlice.Now;
        var accounts = new AccountFold(vault);
        await foreach (var page in reader.ReadAllPagesAsync(1, PageSize, cancellationToken))
        {
            foreach (var stored in page)
            {
                if (stored.Position > upToPosition) break;
                if (slice.Includes(stored)) accounts.Apply(stored);
            }

            if (page[^1].Position >= upToPosition) break;
        }

        return accounts.Views();
    }
}

/// <summary>Accounts folded event by event on top of whatever states they start from: the one fold every read shares.</summary>
internal sealed class AccountFold(IPersonalDataVault vault)
{
    private readonly Dictionary<string, (AccountId Id, AccountState State, long Version)> _accounts = new(StringComparer.Ordinal);

    public void Start(AccountId id, AccountState state, long version) => _accounts[id.StreamId] = (id, state, version);

    public void Apply(StoredEvent stored)
    {
        if (!AccountId.TryFromStreamId(stored.StreamId, out var id)) return;
        var current = _accounts.TryGetValue(stored.StreamId, out var found) ? found.State : AccountDecider.Initial;
        _accounts[stored.StreamId] = (id, AccountDecider.Evolve(current, EventCodec.Decode(stored, vault)), stored.StreamVersion);
    }

    /// <summary>The opened accounts, by owner then id (the order every list of accounts is shown in).</summary>
    public IReadOnlyList<AccountView> Views() => _accounts.Values
        .Select(a => AccountView.From(a.Id, a.State, a.Version))
        .OfType<AccountView>()
        .OrderBy(a => a.Owner, StringComparer.Ordinal)
        .ThenBy(a => a.AccountId, StringComparer.Ordinal)
        .ToList();
}
