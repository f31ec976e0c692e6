namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// Finds the events a command with a client's idempotency key appended — the key travels in each event's
/// metadata (<see cref="EventMetadata.CommandKey"/>), so it is kept as long as the log and survives any restart.
/// </summary>
public interface ICommandKeyLookup
{
    /// <summary>
    /// The first event appended under <paramref name="commandKey"/>, or null. <paramref name="streamId"/> is where
    /// the command is aimed: a backend that cannot look a key up across the whole log looks there.
    /// </summary>
    Task<StoredEvent?> FindFirstAsync(string commandKey, string streamId, CancellationToken cancellationToken = default);
}
