namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>
/// One link of the hash chain (see <see cref="EventHash"/>): the event at <see cref="GlobalPosition"/> and its
/// 32-byte hash, written by the writer in the same transaction as the event. A table of its own, not a column of
/// <c>events</c>: a log from before the chain gets its links by inserts only, and not one stored event row changes.
/// </summary>
public sealed class EventHashRecord
{
    public long GlobalPosition { get; set; }

    public required byte[] Hash { get; set; }
}
