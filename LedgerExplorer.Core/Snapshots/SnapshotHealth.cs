namespace LedgerExplorer.Core.Snapshots;

/// <summary>
/// The snapshots as the drift check sees them: checked against the events under today's fold code (<see cref="Verified"/>),
/// not checked yet (<see cref="Unverified"/>), or found to disagree with the events and never used again (<see cref="Quarantined"/>).
/// </summary>
public sealed record SnapshotHealth(long Total, long Verified, long Unverified, long Quarantined);
