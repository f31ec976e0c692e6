using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Tests.Projector;

/// <summary>The stores the loop's tests see it through: one whose head is busy at first, one that counts event reads.</summary>
public sealed partial class ProjectorLoopLifecycleTests
{
    /// <summary>The store, refusing the first few reads of its head as a busy one would, and telling each read of the head.</summary>
    private sealed class FailingHeadReader(IEventStoreReader inner, int failures, Action onHeadRead) : IEventStoreReader
    {
        private int _calls;

        public IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, CancellationToken cancellationToken = default) =>
            inner.ReadStreamAsync(streamId, range, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
            inner.ReadAllAsync(fromPosition, maxCount, cancellationToken);

        public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
        {
            onHeadRead();
            return ++_calls <= failures ? throw new IOException("the log is busy") : inner.ReadHeadPositionAsync(cancellationToken);
        }
    }

    /// <summary>The store, counting the reads of events (not of the head).</summary>
    private sealed class CountingReader(IEventStoreReader inner) : IEventStoreReader
    {
        private int _eventReads;

        public int EventReads => Volatile.Read(ref _eventReads);

        public IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, CancellationToken cancellationToken = default) =>
            inner.ReadStreamAsync(streamId, range, cancellationToken);

        public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _eventReads);
            return inner.ReadAllAsync(fromPosition, maxCount, cancellationToken);
        }

        public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => inner.ReadHeadPositionAsync(cancellationToken);
    }
}
