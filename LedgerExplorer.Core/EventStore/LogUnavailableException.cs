namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// The log did not answer — a cluster electing a new leader, a server out of reach. Retryable: an append that fails
/// this way may or may not have been stored, so a client retries with the same Idempotency-Key (the store then finds
/// it, or appends it once). The App answers 503 <c>ledger_unavailable</c>.
/// </summary>
public sealed class LogUnavailableException(Exception inner)
    : Exception($"The event log did not answer in time ({inner.GetType().Name}: {inner.Message}); a cluster may be electing a leader. Retry shortly with the same Idempotency-Key: an append that got this answer may or may not have been stored.", inner);
