namespace LedgerExplorer.Core.EventStore;

/// <summary>One event's stored chain hash.</summary>
public readonly record struct ChainLink(long Position, byte[] Hash);

/// <summary>One event as stored and its stored chain hash (null when it has none).</summary>
public readonly record struct ChainedEvent(StoredEvent Event, byte[]? Hash);

/// <summary>
/// The stored half of the hash chain, beside the store port: each backend keeps one hash per event, written by its
/// writer in the same commit as the event (SQLite: the <c>event_hashes</c> table; JetStream: the message's
/// <c>Ledger-Hashes</c> header).
/// </summary>
public interface IEventChain
{
    /// <summary>Up to <paramref name="maxCount"/> stored links at or after <paramref name="fromPosition"/>, in position order.</summary>
    Task<IReadOnlyList<ChainLink>> ReadChainAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="maxCount"/> events at or after <paramref name="fromPosition"/>, each with its stored hash: the walk's one read.</summary>
    Task<IReadOnlyList<ChainedEvent>> ReadChainedAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default);
}
