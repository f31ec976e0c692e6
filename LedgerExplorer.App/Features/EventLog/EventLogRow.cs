using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.App.Features.EventLog;

/// <summary>One log row as the API shows it: the stored data and metadata text exactly as written.</summary>
public sealed record EventLogRow(
    long Position,
    string StreamId,
    long StreamVersion,
    string EventType,
    int SchemaVersion,
    DateTimeOffset RecordedAt,
    string Data,
    string Metadata)
{
    public StoredEvent ToStored() => new(Position, StreamId, StreamVersion, EventType, SchemaVersion, Data, Metadata, RecordedAt);

    public static EventLogRow From(StoredEvent e) =>
        new(e.Position, e.StreamId, e.StreamVersion, e.EventType, e.SchemaVersion, e.RecordedAt, e.Data, e.Metadata);
}
