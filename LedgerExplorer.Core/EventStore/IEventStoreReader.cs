namespace LedgerExplorer.Core.EventStore;

/// <summary>The read side of the log: one stream in version order, or everything in global order.</summary>
public interface IEventStoreReader
{
    /// <summary>The events of one stream in version order, within <paramref name="range"/>. An unknown stream yields nothing.</summary>
    IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="maxCount"/> events at or after <paramref name="fromPosition"/>, in global order. A <paramref name="maxCount"/> below 1 is refused (<see cref="ArgumentOutOfRangeException"/>).</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>The global position of the newest event (the high-water mark); 0 for an empty log.</summary>
    Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default);
}
