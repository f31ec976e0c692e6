namespace LedgerExplorer.Core.EventStore;

/// <summary>One row of the log exactly as stored: <see cref="Data"/> and <see cref="Metadata"/> are the stored JSON text.</summary>
public sealed record StoredEvent(
    long Position,
    string StreamId,
    long StreamVersion,
    string EventType,
    int SchemaVersion,
    string Data,
    string Metadata,
    DateTimeOffset RecordedAt);
