namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>The EF Core model of one <c>events</c> row. EF Core owns the schema and its migrations; the hot paths use prepared commands.</summary>
public sealed class EventRecord
{
    public long GlobalPosition { get; set; }

    public required string StreamId { get; set; }

    public long StreamVersion { get; set; }

    public required string EventType { get; set; }

    public int SchemaVersion { get; set; }

    public required string Data { get; set; }

    public required string Metadata { get; set; }

    /// <summary>UTC, fixed-width ISO-8601 (see <see cref="RecordedAtFormat"/>), so text order is time order.</summary>
    public required string RecordedAt { get; set; }
}
