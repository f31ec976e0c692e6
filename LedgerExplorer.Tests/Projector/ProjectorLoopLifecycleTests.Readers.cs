using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projector;

/// <summary>The stores the loop's tests see it through: one whose head is busy at first, one that counts event reads.</summary>
public sealed partial class ProjectorLoopLifecycleTests
{
    /// <summary>The store, refusing the first few reads of its head as a busy one would, and telling each read of the head.</summary>
    private sealed class FailingHeadReader(IEventStoreReader inner, int failures, Action onHeadRead) : DelegatingReader(inner)
    {
        private int _calls;

        public override Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
        {
            onHeadRead();
            return ++_calls <= failures ? throw new IOException("the log is busy") : base.ReadHeadPositionAsync(cancellationToken);
        }
    }

    /// <summary>The store, counting the reads of events (not of the head).</summary>
    private sealed class CountingReader(IEventStoreReader inner) : DelegatingReader(inner)
    {
        private int _eventReads;

        public int EventReads => Volatile.Read(ref _eventReads);

        public override Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _eventReads);
            return base.ReadAllAsync(fromPosition, maxCount, cancellationToken);
        }
    }
}
