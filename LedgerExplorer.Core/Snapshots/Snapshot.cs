namespace LedgerExplorer.Core.Snapshots;

/// <summary>
/// A cached fold: one stream's state after <see cref="Version"/>, as stored bytes (<see cref="Data"/>) with the
/// SHA-256 of those bytes and the state-schema version they were written in. It only ever saves time:
/// whatever it says, the events remain the truth.
/// </summary>
public sealed record Snapshot(
    string StreamId,
    long Version,
    long Position,
    DateTimeOffset RecordedAt,
    int StateSchemaVersion,
    string Data,
    string Checksum)
{
    /// <summary>The fold code it was last checked against the events with; null when it never was.</summary>
    public string? VerifiedWith { get; init; }

    public bool IsVerified => VerifiedWith == FoldCode.Current;
}
