using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Application;

/// <summary>Recomputes every snapshot of a stream from the events alone and compares: a snapshot that disagrees has drifted.</summary>
public sealed class SnapshotDriftCheck(IEventStoreReader reader, Privacy.IPersonalDataVault vault, SnapshotStore store)
{
    private readonly AccountLoader _replay = new(reader, vault); // no snapshots: the events alone

    /// <summary>The stream's snapshots with their checksum and schema status, without replaying anything.</summary>
    public IReadOnlyList<SnapshotCheck> Inspect(AccountId id) =>
        store.ForStream(id.StreamId)
            .Select(s => new SnapshotCheck(s.Version, s.StateSchemaVersion, s.Checksum, AccountStateCodec.Checksum(s.Data) == s.Checksum,
                s.StateSchemaVersion == AccountStateCodec.CurrentSchemaVersion, null, s.Data, ""))
            .ToList();

    public async Task<IReadOnlyList<SnapshotCheck>> CheckAsync(AccountId id, CancellationToken cancellationToken = default)
    {
        var checks = new List<SnapshotCheck>();
        foreach (var snapshot in store.ForStream(id.StreamId))
        {
            var replayed = await _replay.LoadAsync(id, new StreamReadRange(ToVersion: snapshot.Version), cancellationToken);
            var replayedData = replayed.State is AccountState.Unopened ? "(no such version)" : AccountStateCodec.Encode(replayed.State);
            var checksumValid = AccountStateCodec.Checksum(snapshot.Data) == snapshot.Checksum;
            var schemaCurrent = snapshot.StateSchemaVersion == AccountStateCodec.CurrentSchemaVersion;
            bool? matches = schemaCurrent ? snapshot.Data == replayedData : null; // another schema's bytes cannot be compared
            checks.Add(new SnapshotCheck(snapshot.Version, snapshot.StateSchemaVersion, snapshot.Checksum, checksumValid, schemaCurrent, matches, snapshot.Data, replayedData));
        }

        return checks;
    }
}
