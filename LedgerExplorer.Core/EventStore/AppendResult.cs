namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// What an append did: <see cref="NextVersion"/> is the stream's version after it (the expected version
/// for the next append), <see cref="LastPosition"/> the global position of its last event and
/// <see cref="RecordedAt"/> the transaction time the store stamped on its events.
/// </summary>
public sealed record AppendResult(long NextVersion, long LastPosition, DateTimeOffset RecordedAt = default);
