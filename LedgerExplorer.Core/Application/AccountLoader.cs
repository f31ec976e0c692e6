using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Core.Application;

/// <summary>
/// Loads an account by folding its stream through <see cref="AccountDecider.Evolve"/>, starting from the
/// newest usable snapshot when there is one. Time travel is the same fold stopped early; a snapshot only
/// caches a prefix of it, so snapshot + tail always equals the full fold — and a snapshot is trusted only once
/// <see cref="SnapshotVerifier"/> has checked it against the events under today's code.
/// </summary>
public sealed class AccountLoader(IEventStoreReader reader, IPersonalDataVault vault, AccountSnapshots? snapshots = null)
{
    public async Task<LoadedAccount> LoadAsync(AccountId id, StreamReadRange? range = null, CancellationToken cancellationToken = default)
    {
        range ??= StreamReadRange.All;
        var state = AccountDecider.Initial;
        long version = 0, position = 0;
        if (snapshots?.TryLoad(id.StreamId, range) is var (snapshotState, snapshot))
        {
            // Never checked against the events under today's fold code: check it now (about one snapshot interval of
            // events). If it drifted it is quarantined, and the fold of the events is what this load starts from.
            if (!snapshot.IsVerified) snapshotState = await new SnapshotVerifier(reader, vault, snapshots).VerifyAsync(snapshot, cancellationToken);
            (state, version, position) = (snapshotState, snapshot.Version, snapshot.Position);
            range = range with { FromVersion = snapshot.Version + 1, AfterPosition = snapshot.Position };
        }

        await foreach (var stored in reader.ReadStreamAsync(id.StreamId, range, cancellationToken))
        {
            state = AccountDecider.Evolve(state, EventCodec.Decode(stored, vault));
            version = stored.StreamVersion;
            position = stored.Position;
        }

        return new LoadedAccount(id, state, version, position);
    }

    /// <summary>
    /// The account at business time <see cref="TimeSlice.AsOf"/> as known at <see cref="TimeSlice.KnownAt"/>: its events
    /// in stream order, each kept if the slice includes it. Known-at is a prefix (recorded-at never decreases), so a
    /// snapshot recorded by then may start the fold; as-of is not (a late posting happened before events logged ahead of
    /// it), so with an as-of every event is looked at.
    /// </summary>
    public async Task<LoadedAccount> LoadAsync(AccountId id, TimeSlice slice, CancellationToken cancellationToken = default)
    {
        if (slice.AsOf is null) return await LoadAsync(id, new StreamReadRange(UntilRecordedAt: slice.KnownAt), cancellationToken);
        var state = AccountDecider.Initial;
        long version = 0, position = 0;
        await foreach (var stored in reader.ReadStreamAsync(id.StreamId, new StreamReadRange(UntilRecordedAt: slice.KnownAt), cancellationToken))
        {
            if (!slice.Includes(stored)) continue;
            state = AccountDecider.Evolve(state, EventCodec.Decode(stored, vault));
            version = stored.StreamVersion;
            position = stored.Position;
        }

        return new LoadedAccount(id, state, version, position);
    }
}
