using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Audit;

/// <summary>
/// One plan change as the log tells it: when it took effect (business time), who, from what (by folding up to just
/// before it), to what, where — and when the ledger recorded it, which may be later.
/// </summary>
public sealed record PlanChangeRecord(DateTimeOffset OccurredAt, string Actor, Plan PriorPlan, Plan NewPlan, long Version, long Position, DateTimeOffset RecordedAt)
{
    /// <summary>Recorded on another day than it took effect: the audit says so.</summary>
    public bool RecordedLater => RecordedAt.UtcDateTime.Date > OccurredAt.UtcDateTime.Date;
}
