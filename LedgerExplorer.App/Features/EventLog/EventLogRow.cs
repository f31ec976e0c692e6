using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.App.Features.EventLog;

/// <summary>
/// One log row as the API shows it: the stored data and metadata text exactly as written, its stored chain hash (null if
/// it has none), and its two times — recorded-at (the store's, at commit) and occurred-at (business time, from the metadata).
/// </summary>
public sealed record EventLogRow(
    long Position,
    string StreamId,
    long StreamVersion,
    string EventType,
    int SchemaVersion,
    DateTimeOffset RecordedAt,
    string Data,
    string Metadata,
    string? Hash = null)
{
    /// <summary>When it happened (business time): the metadata's, or — for an event from before there were two times — its recorded-at.</summary>
    public DateTimeOffset OccurredAt => EventMetadataJson.OccurredAt(Metadata, RecordedAt);

    public StoredEvent ToStored() => new(Position, StreamId, StreamVersion, EventType, SchemaVersion, Data, Metadata, RecordedAt);

    public static EventLogRow From(StoredEvent e, string? hash = null) =>
        new(e.Position, e.StreamId, e.StreamVersion, e.EventType, e.SchemaVersion, e.RecordedAt, e.Data, e.Metadata, hash);

    /// <summary>The rows with their stored hashes: one range read when they lie close together, else one read each.</summary>
    public static async Task<List<EventLogRow>> WithHashesAsync(IReadOnlyCollection<StoredEvent> rows, IEventChain chain, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var first = rows.Min(e => e.Position);
        var span = rows.Max(e => e.Position) - first + 1;
        var hashes = new Dictionary<long, string>();
        if (span <= Math.Max(64, rows.Count * 4L))
        {
            foreach (var link in await chain.ReadChainAsync(first, (int)span, cancellationToken)) hashes[link.Position] = EventHash.ToHex(link.Hash);
        }
        else
        {
            foreach (var e in rows)
            {
                if (await chain.ReadChainAsync(e.Position, 1, cancellationToken) is [var link] && link.Position == e.Position) hashes[e.Position] = EventHash.ToHex(link.Hash);
            }
        }

        return rows.Select(e => From(e, hashes.GetValueOrDefault(e.Position))).ToList();
    }
}
