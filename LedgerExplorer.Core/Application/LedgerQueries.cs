using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Core.Application;

/// <summary>
/// The reads every screen and endpoint asks, each bounded by something other than the log's length: one account by
/// its newest snapshot + tail; the account list by the balances read model + the projector's lag
/// (<see cref="AccountDirectory"/>); anything as of a position or instant by the history read model + the lag
/// (<see cref="TemporalReads"/>). Each answers what folding the log from position 1 answers (<see cref="LedgerReplay"/>),
/// which is also what a ledger without read models (<paramref name="readModels"/> null) gets.
/// </summary>
public sealed class LedgerQueries
{
    private readonly AccountLoader _loader;
    private readonly LedgerReplay _replay;
    private readonly AccountDirectory? _directory;
    private readonly TemporalReads? _temporal;

    public LedgerQueries(IEventStoreReader reader, IPersonalDataVault vault, AccountSnapshots? snapshots = null, ReadModelDatabase? readModels = null)
    {
        _loader = new AccountLoader(reader, vault, snapshots);
        _replay = new LedgerReplay(reader, vault);
        if (readModels is null) return;
        _directory = new AccountDirectory(reader, vault, readModels);
        _temporal = new TemporalReads(reader, vault, readModels, _directory, _loader);
    }

    /// <summary>One account: now (snapshot + tail), or as the slice cuts the log (at a business time, as known at a moment).</summary>
    public Task<LoadedAccount> GetAccountAsync(AccountId id, TimeSlice? slice = null, CancellationToken cancellationToken = default) =>
        (slice, _temporal) switch
        {
            (null or { IsNow: true }, _) => _loader.LoadAsync(id, cancellationToken: cancellationToken),
            (_, { } temporal) => temporal.GetAsOfAsync(id, slice, cancellationToken),
            _ => _loader.LoadAsync(id, slice, cancellationToken),
        };

    /// <summary>One account as of a global position: the same fold, stopped at an event rather than an instant.</summary>
    public Task<LoadedAccount> GetAccountAtPositionAsync(AccountId id, long position, CancellationToken cancellationToken = default) =>
        _temporal?.GetAtPositionAsync(id, position, cancellationToken)
        ?? _loader.LoadAsync(id, new StreamReadRange(UntilPosition: position), cancellationToken);

    /// <summary>
    /// Every account, by owner: now, or as the slice cuts the log (the events that happened by its as-of, of those
    /// recorded by its known-at), or at or below global position <paramref name="upToPosition"/>.
    /// </summary>
    public Task<IReadOnlyList<AccountView>> ListAccountsAsync(TimeSlice? slice = null, long? upToPosition = null, CancellationToken cancellationToken = default) =>
        (slice is { IsNow: false } ? slice : null, upToPosition, _directory, _temporal) switch
        {
            (null, null, { } directory, _) => directory.ListAsync(cancellationToken),
            ({ } cut, null, _, { } temporal) => temporal.ListAsOfAsync(cut, cancellationToken),
            (null, { } position, _, { } temporal) => temporal.ListAtPositionAsync(position, cancellationToken),
            var (cut, _, _, _) => _replay.ListAccountsAsync(cut, upToPosition, cancellationToken),
        };
}
