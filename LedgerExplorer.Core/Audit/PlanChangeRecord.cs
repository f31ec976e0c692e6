using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Audit;

/// <summary>One plan change as the log tells it: when, who, from what (by folding up to just before it), to what, and where.</summary>
public sealed record PlanChangeRecord(DateTimeOffset RecordedAt, string Actor, Plan PriorPlan, Plan NewPlan, long Version, long Position);
