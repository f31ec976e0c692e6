namespace LedgerExplorer.Core.Snapshots;

/// <summary>One snapshot examined: are its bytes intact, is its schema current, and does it agree with the events?</summary>
public sealed record SnapshotCheck(
    long Version,
    int StateSchemaVersion,
    string Checksum,
    bool ChecksumValid,
    bool SchemaCurrent,
    bool? MatchesEvents,
    string SnapshotState,
    string ReplayedState);
