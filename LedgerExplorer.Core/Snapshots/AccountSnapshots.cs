using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LedgerExplorer.Core.Snapshots;

/// <summary>
/// Snapshots of account streams: taken every N events after an append, and offered to every load. A
/// snapshot is used only if it is not quarantined, its bytes still match their checksum and its state-schema
/// version is the current one; otherwise it is ignored (the load replays from the start), logged and counted.
/// Whether its state is still what the events fold to is checked by <c>Application.SnapshotVerifier</c>.
/// </summary>
public sealed class AccountSnapshots(SnapshotStore store, SnapshotOptions options, ILogger<AccountSnapshots>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<AccountSnapshots>.Instance;

    public SnapshotOptions Options => options;

    public SnapshotStore Store => store;

    public SnapshotStatistics Statistics { get; } = new();

    /// <summary>The newest usable snapshot within <paramref name="range"/>, or null (then the caller folds from version 1).</summary>
    public (AccountState State, Snapshot Snapshot)? TryLoad(string streamId, StreamReadRange range)
    {
        if (range.FromVersion > 1) return null;
        foreach (var snapshot in store.Candidates(streamId, range.ToVersion, range.UntilPosition, range.UntilRecordedAt))
        {
            if (AccountStateCodec.Checksum(snapshot.Data) != snapshot.Checksum)
            {
                Statistics.CountBadChecksum();
                _logger.LogWarning("Ignoring snapshot of {Stream} at version {Version}: its bytes do not match their checksum", streamId, snapshot.Version);
                continue;
            }

            if (snapshot.StateSchemaVersion != AccountStateCodec.CurrentSchemaVersion)
            {
                Statistics.CountStaleSchema();
                _logger.LogInformation("Ignoring snapshot of {Stream} at version {Version}: state schema v{Old}, current v{Current}",
                    streamId, snapshot.Version, snapshot.StateSchemaVersion, AccountStateCodec.CurrentSchemaVersion);
                continue;
            }

            Statistics.CountUsed();
            return (AccountStateCodec.Decode(snapshot.Data), snapshot);
        }

        return null;
    }

    /// <summary>Whether its bytes match their checksum and its state schema is today's (what every load checks first).</summary>
    public static bool IsUsable(Snapshot snapshot) =>
        snapshot.StateSchemaVersion == AccountStateCodec.CurrentSchemaVersion && AccountStateCodec.Checksum(snapshot.Data) == snapshot.Checksum;

    /// <summary>After an append: take a snapshot if the append crossed a multiple of N. Never fails the command.</summary>
    public void AfterAppend(AccountId id, long versionBefore, long versionAfter, AccountState state, long position, DateTimeOffset recordedAt)
    {
        if (!options.IsDue(versionBefore, versionAfter) || state is AccountState.Unopened) return;
        try
        {
            store.Save(Take(id.StreamId, state, versionAfter, position, recordedAt));
            Statistics.CountWritten();
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            // A snapshot is only a cache: losing one costs a longer load, never a command.
            _logger.LogWarning(ex, "Could not save a snapshot of {Stream} at version {Version}", id.StreamId, versionAfter);
        }
    }

    public static Snapshot Take(string streamId, AccountState state, long version, long position, DateTimeOffset recordedAt)
    {
        var data = AccountStateCodec.Encode(state);
        return new Snapshot(streamId, version, position, recordedAt, AccountStateCodec.CurrentSchemaVersion, data, AccountStateCodec.Checksum(data));
    }
}
