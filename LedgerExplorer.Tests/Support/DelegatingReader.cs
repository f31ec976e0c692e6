using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Tests.Support;

/// <summary>
/// A reader that passes every call to <see cref="Inner"/>: a test overrides only the call it bends (a hole in the log,
/// a hook after a page, a failing head, a count of reads), so what it changes is all it says.
/// </summary>
public abstract class DelegatingReader(IEventStoreReader inner) : IEventStoreReader
{
    protected virtual IEventStoreReader Inner => inner;

    public virtual IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, CancellationToken cancellationToken = default) =>
        Inner.ReadStreamAsync(streamId, range, cancellationToken);

    public virtual Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        Inner.ReadAllAsync(fromPosition, maxCount, cancellationToken);

    public virtual Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        Inner.ReadHeadPositionAsync(cancellationToken);
}
