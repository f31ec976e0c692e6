namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// What an append did: <see cref="NextVersion"/> is the stream's version after it (the expected version
/// for the next append) and <see cref="LastPosition"/> the global position of its last event.
/// </summary>
public sealed record AppendResult(long NextVersion, long LastPosition);
