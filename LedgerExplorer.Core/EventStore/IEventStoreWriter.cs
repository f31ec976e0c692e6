namespace LedgerExplorer.Core.EventStore;

/// <summary>The write side of the log. Appends are all-or-nothing and conditional on the stream's version.</summary>
public interface IEventStoreWriter
{
    /// <summary>
    /// Appends <paramref name="events"/> to <paramref name="streamId"/> if, and only if, the stream is at
    /// <paramref name="expectedVersion"/>; otherwise throws <see cref="ConcurrencyException"/> and writes nothing.
    /// </summary>
    Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default);
}
