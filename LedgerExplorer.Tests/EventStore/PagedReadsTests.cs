using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore;

/// <summary>The page loop every full read uses (rebuild, verify, export): every event once, in order, in pages, and it stops.</summary>
public sealed class PagedReadsTests
{
    [Theory]
    [InlineData(7, 3, 1, "1,2,3|4,5,6|7")]
    [InlineData(6, 3, 1, "1,2,3|4,5,6")]            // a last full page: the read after it finds nothing and ends the walk
    [InlineData(7, 3, 5, "5,6,7")]
    [InlineData(7, 10, 1, "1,2,3,4,5,6,7")]
    [InlineData(0, 3, 1, "")]
    [InlineData(4, 3, 9, "")]
    public async Task Pages_hold_every_event_from_the_position_once_in_order(int events, int pageSize, long from, string expected)
    {
        var log = new ListLog(events);

        var pages = new List<string>();
        await foreach (var page in log.ReadAllPagesAsync(from, pageSize, TestContext.Current.CancellationToken))
        {
            Assert.InRange(page.Count, 1, pageSize);
            pages.Add(string.Join(',', page.Select(e => e.Position)));
        }

        Assert.Equal(expected, string.Join('|', pages));
    }

    /// <summary>A log of <c>count</c> events at positions 1…count, read as a store reads it.</summary>
    private sealed class ListLog(int count) : IEventStoreReader
    {
        private readonly StoredEvent[] _events = Enumerable.Range(1, count)
            .Select(p => new StoredEvent(p, "s", p, "Something", 1, "{}", "{}", TestEvents.T0)).ToArray();

        public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<StoredEvent>>(_events.Where(e => e.Position >= fromPosition).Take(maxCount).ToArray());

        public IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)count);
    }
}
