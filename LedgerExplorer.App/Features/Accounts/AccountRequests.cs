namespace LedgerExplorer.App.Features.Accounts;

/// <summary>POST /api/accounts. Every member is optional in the JSON so a missing one gets a clear 400, not a binder error.</summary>
public sealed record OpenAccountRequest(string? Owner, string? Plan, string? Currency);

/// <summary>POST /api/accounts/{id}/deposits and /withdrawals.</summary>
public sealed record MoneyRequest(
    [property: System.Text.Json.Serialization.JsonConverter(typeof(Api.StrictAmountConverter))] decimal? Amount,
    long? ExpectedVersion,
    string? Reference);

/// <summary>PUT /api/accounts/{id}/plan.</summary>
public sealed record ChangePlanRequest(string? Plan, long? ExpectedVersion);

/// <summary>POST /api/accounts/{id}/close (the body is optional).</summary>
public sealed record CloseAccountRequest(long? ExpectedVersion);
