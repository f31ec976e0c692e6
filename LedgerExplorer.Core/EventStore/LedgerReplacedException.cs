namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// The log this process opened was replaced by another process (started over) since: nothing was written to the
/// discarded one. The next attempt works on the new log.
/// </summary>
public sealed class LedgerReplacedException(string log)
    : Exception($"The ledger ({log}) was started over by another process since this one opened it; nothing was written. Try again: the next attempt uses the new ledger.");
