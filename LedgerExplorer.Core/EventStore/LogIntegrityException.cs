namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// The log holds events its hash chain does not: rows were added outside the writer (or the chain's tail removed).
/// The writer refuses to chain new events onto a log it cannot vouch for; <c>verify</c> names the first such row.
/// </summary>
public sealed class LogIntegrityException(long head, long chainedTo)
    : Exception($"The log's hash chain ends at position {chainedTo} but the log at {head}: rows were added or removed outside the ledger's writer. Nothing was appended; run verify.")
{
    public long Head { get; } = head;

    public long ChainedTo { get; } = chainedTo;
}
