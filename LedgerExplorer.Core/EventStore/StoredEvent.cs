namespace LedgerExplorer.Core.EventStore;

/// <summary>One row of the log exactly as stored: <see cref="Data"/> and <see cref="Metadata"/> are the stored JSON text.</summary>
/// <param name="RecordedAt">Transaction time: when the log accepted the event, stamped by the store at commit; never decreases along positions.</param>
public sealed record StoredEvent(
    long Position,
    string StreamId,
    long StreamVersion,
    string EventType,
    int SchemaVersion,
    string Data,
    string Metadata,
    DateTimeOffset RecordedAt)
{
    /// <summary>Business time: when it happened (from the metadata; for an event written before there were two times, its recorded-at).</summary>
    public DateTimeOffset OccurredAt => EventMetadataJson.OccurredAt(Metadata, RecordedAt);
}
