using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.App.Features.EventLog;

/// <summary>
/// Pages through the raw log for people, newest first. Positions are dense (1..head): nothing is ever
/// deleted from the log, so the newest page is simply the last <c>size</c> positions.
/// </summary>
public sealed class EventLogBrowser(IEventStoreReader reader, IEventChain chain)
{
    /// <summary>The one row at a global position, or null.</summary>
    public async Task<EventLogRow?> AtAsync(long position, CancellationToken cancellationToken = default) =>
        position < 1 ? null : (await reader.ReadAllAsync(position, 1, cancellationToken)) is [var e] && e.Position == position
            ? (await EventLogRow.WithHashesAsync([e], chain, cancellationToken))[0]
            : null;

    public async Task<EventLogPageResult> NewestFirstAsync(int page, int size, string? stream, CancellationToken cancellationToken = default)
    {
        var head = await reader.ReadHeadPositionAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(stream))
        {
            var all = new List<StoredEvent>();
            await foreach (var e in reader.ReadStreamAsync(stream.Trim(), StreamReadRange.All, cancellationToken)) all.Add(e);
            var rows = await EventLogRow.WithHashesAsync(Enumerable.Reverse(all).Skip(page * size).Take(size).ToList(), chain, cancellationToken);
            return new EventLogPageResult(rows, all.Count, head);
        }

        var newest = head - ((long)page * size);
        if (newest < 1) return new EventLogPageResult([], head, head);
        var from = Math.Max(1, newest - size + 1);
        var batch = await reader.ReadAllAsync(from, (int)(newest - from + 1), cancellationToken);
        return new EventLogPageResult(await EventLogRow.WithHashesAsync(batch.Reverse().ToList(), chain, cancellationToken), head, head);
    }
}
