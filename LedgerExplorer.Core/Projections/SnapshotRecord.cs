namespace LedgerExplorer.Core.Projections;

/// <summary>The EF Core model of the <c>snapshots</c> table (in the derived-data database, beside the read models).</summary>
public sealed class SnapshotRecord
{
    public required string StreamId { get; set; }

    public long Version { get; set; }

    public long Position { get; set; }

    public required string RecordedAt { get; set; }

    public int StateSchemaVersion { get; set; }

    public required string Data { get; set; }

    public required string Checksum { get; set; }

    /// <summary>The fold code this snapshot was checked against the events with (<see cref="Snapshots.FoldCode"/>); null: not yet checked.</summary>
    public string? VerifiedWith { get; set; }

    /// <summary>Set when the events fold to another state: a quarantined snapshot is never used again.</summary>
    public string? QuarantinedAt { get; set; }

    public string? QuarantineReason { get; set; }
}
