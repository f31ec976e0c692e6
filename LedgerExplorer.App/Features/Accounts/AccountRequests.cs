using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.App.Features.Accounts;

/// <summary>POST /api/accounts. Every member is optional in the JSON so a missing one gets a clear 400, not a binder error.</summary>
public sealed record OpenAccountRequest(string? Owner, string? Plan, string? Currency);

/// <summary>POST /api/accounts/{id}/deposits and /withdrawals.</summary>
/// <param name="OccurredAt">When it happened, if earlier than now: a backdated posting (manager), which needs a <paramref name="Reason"/>.</param>
public sealed record MoneyRequest(
    [property: System.Text.Json.Serialization.JsonConverter(typeof(Api.StrictAmountConverter))] decimal? Amount,
    long? ExpectedVersion,
    string? Reference,
    DateTimeOffset? OccurredAt = null,
    string? Reason = null)
{
    public Backdating? Backdated => OccurredAt is { } at ? new Backdating(at.ToUniversalTime(), Reason ?? "") : null;
}

/// <summary>POST /api/accounts/{id}/reversals: the deposit or withdrawal to take back (its event id), and why.</summary>
public sealed record ReversalRequest(Guid? EventId, string? Reason, long? ExpectedVersion = null);

/// <summary>POST /api/accounts/{id}/statements: issue the statement of a month that has ended ("yyyy-MM").</summary>
public sealed record IssueStatementRequest(string? Month);

/// <summary>PUT /api/accounts/{id}/plan.</summary>
public sealed record ChangePlanRequest(string? Plan, long? ExpectedVersion);

/// <summary>POST /api/accounts/{id}/close (the body is optional).</summary>
public sealed record CloseAccountRequest(long? ExpectedVersion);
