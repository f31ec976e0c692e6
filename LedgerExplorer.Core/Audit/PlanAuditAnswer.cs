using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Audit;

/// <summary>
/// Every plan change that took effect on one UTC day (business time), in order, and the plan in force at the end of
/// that day (null when the account had not been opened by then).
/// </summary>
public sealed record PlanAuditAnswer(string AccountId, DateOnly Date, Plan? PlanInForce, IReadOnlyList<PlanChangeRecord> Changes);
