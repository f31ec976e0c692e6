using System.Runtime.CompilerServices;

namespace LedgerExplorer.Core.EventStore;

/// <summary>The whole log (or its tail) in global order, one page at a time: the loop every full read needs, written once.</summary>
public static class PagedReads
{
    /// <summary>Pages of up to <paramref name="pageSize"/> events from <paramref name="fromPosition"/> to the head, as it stands while read.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<StoredEvent>> ReadAllPagesAsync(this IEventStoreReader reader, long fromPosition = 1, int pageSize = 2_000,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var from = fromPosition; ;)
        {
            var page = await reader.ReadAllAsync(from, pageSize, cancellationToken);
            if (page.Count == 0) yield break;
            yield return page;
            // Stryker disable once Statement : equivalent — without it, the next read finds nothing and ends the walk (one read more)
            if (page.Count < pageSize) yield break;
            from = page[^1].Position + 1;
        }
    }
}
