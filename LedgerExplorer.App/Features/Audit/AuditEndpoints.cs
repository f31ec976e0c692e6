using LedgerExplorer.App.Features.Identity;
using System.Globalization;
using LedgerExplorer.App.Features.Api;
using LedgerExplorer.Core.Audit;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.App.Features.Audit;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit/accounts").WithTags("Audit").RequireAuthorization(LedgerAction.Audit);

        audit.MapGet("/{id}/plan", async (string id, string? date, AccountAudit auditor, CancellationToken ct) =>
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return ApiProblems.BadRequest($"date must be a UTC day written YYYY-MM-DD (got '{date}').", "date_malformed");
            if (day == DateOnly.MaxValue) // its day ends past the last instant a DateTimeOffset can hold
                return ApiProblems.BadRequest($"date must be a day up to 9999-12-30 (got '{date}').", "date_out_of_range");
            if (!AccountId.TryParse(id, out var accountId) || await auditor.PlanChangesOnAsync(accountId, day, ct) is not { } answer)
                return UnknownAccount(id);
            return Results.Ok(answer);
        }).WithSummary("Who changed the plan on a UTC day, the prior and the new plan, when, and where in the log — from the log alone.");

        audit.MapGet("/{id}", async (string id, string? from, string? to, AccountAudit auditor, CancellationToken ct) =>
        {
            if (!TryInstant(from, out var start) || !TryInstant(to, out var end))
                return ApiProblems.BadRequest("from and to must be ISO-8601 instants (e.g. 2026-03-01T00:00:00Z).", "instant_malformed");
            if (!AccountId.TryParse(id, out var accountId) || await auditor.ChangesAsync(accountId, start, end, ct) is not { } changes)
                return UnknownAccount(id);
            return Results.Ok(changes);
        }).WithSummary("Every change to an account in a window: actor, instant, and each changed field's before and after.");

        return app;
    }

    private static bool TryInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (text is null) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)) return false;
        instant = parsed;
        return true;
    }

    private static IResult UnknownAccount(string id) =>
        ApiProblems.Refusal(DomainError.NotFound($"No account '{(id.Length > 60 ? id[..60] + "…" : id)}' exists."));
}
