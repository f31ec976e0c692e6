using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Core.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LedgerExplorer.Core.Application;

/// <summary>
/// Catches drift without a human: a snapshot whose state is no longer what its events fold to (a fix to Evolve
/// without a schema bump, a writer bug, a hand edit that recomputed the checksum). A snapshot is checked by
/// folding its events from the newest snapshot below it already checked under today's fold code (or from the
/// start), checking every snapshot passed on the way: each is marked verified, or quarantined and never used
/// again. Loads call it on a snapshot's first use, so the cost is about one snapshot interval of events; a
/// background pass calls it on the rest.
/// </summary>
public sealed class SnapshotVerifier(IEventStoreReader reader, IPersonalDataVault vault, AccountSnapshots snapshots, TimeProvider? clock = null, ILogger<SnapshotVerifier>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<SnapshotVerifier>.Instance;

    /// <summary>Checks <paramref name="target"/> (and the snapshots below it on the way). Returns the state the events give at its version.</summary>
    public async Task<AccountState> VerifyAsync(Snapshot target, CancellationToken cancellationToken = default)
    {
        var store = snapshots.Store;
        var trusted = store.NewestVerifiedBelow(target.StreamId, target.Version) is { } below && AccountSnapshots.IsUsable(below) ? below : null;
        var state = trusted is null ? AccountDecider.Initial : AccountStateCodec.Decode(trusted.Data);
        var onTheWay = new Queue<Snapshot>(store.Between(target.StreamId, trusted?.Version ?? 0, target.Version).Where(AccountSnapshots.IsUsable));
        var range = new StreamReadRange(FromVersion: (trusted?.Version ?? 0) + 1, ToVersion: target.Version);
        await foreach (var stored in reader.ReadStreamAsync(target.StreamId, range, cancellationToken))
        {
            state = AccountDecider.Evolve(state, EventCodec.Decode(stored, vault));
            while (onTheWay.TryPeek(out var next) && next.Version <= stored.StreamVersion)
            {
                onTheWay.Dequeue();
                if (next.Version == stored.StreamVersion) Check(next, state);
            }
        }

        return state;
    }

    /// <summary>The background pass: checks up to <paramref name="budget"/> snapshots not yet checked under today's fold code. Returns how many it looked at.</summary>
    public async Task<int> VerifySomeAsync(int budget, CancellationToken cancellationToken = default)
    {
        var looked = 0;
        foreach (var snapshot in snapshots.Store.Unverified(budget))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!AccountSnapshots.IsUsable(snapshot)) continue; // every load ignores it already
            await VerifyAsync(snapshot, cancellationToken);
            looked++;
        }

        return looked;
    }

    private void Check(Snapshot snapshot, AccountState folded)
    {
        var cached = AccountStateCodec.Decode(snapshot.Data);
        if (cached == folded)
        {
            if (!snapshot.IsVerified)
            {
                snapshots.Store.MarkVerified(snapshot.StreamId, snapshot.Version);
                snapshots.Statistics.CountVerified();
            }

            return;
        }

        var reason = $"drift: the snapshot says {AccountStateCodec.Encode(cached)}, the events fold to {AccountStateCodec.Encode(folded)}";
        snapshots.Store.Quarantine(snapshot.StreamId, snapshot.Version, reason, (clock ?? TimeProvider.System).GetUtcNow());
        snapshots.Statistics.CountDrift();
        _logger.LogWarning("Quarantined the snapshot of {Stream} at version {Version}: {Reason}", snapshot.StreamId, snapshot.Version, reason);
    }
}
