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
}
