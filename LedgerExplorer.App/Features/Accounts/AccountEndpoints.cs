using LedgerExplorer.App.Features.Identity;
using System.Globalization;
using LedgerExplorer.App.Features.Api;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Core.Domain;
using Microsoft.AspNetCore.Mvc;

namespace LedgerExplorer.App.Features.Accounts;

/// <summary>The account commands and the log-folded account reads (DESIGN §9).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(LedgerAction.Read);

        accounts.MapGet("/", async (LedgerQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.ListAccountsAsync(cancellationToken: ct)))
            .WithSummary("Every account's current state, folded from the log.");

        accounts.MapGet("/{id}", GetAccount)
            .WithSummary("One account folded from the log; with asOf, at that business time; with knownAt, as the ledger knew it then (only the events recorded by it).");

        accounts.MapGet("/{id}/statements/{month}", GetStatement)
            .WithSummary("The account's statement for a month (yyyy-MM): as issued (what the ledger knew when it went out, or at the month's end) beside as it stands now, and the late postings and reversals between them.");

        accounts.MapPost("/{id}/statements", (string id, IssueStatementRequest request, HttpRequest http, AccountCommandHandler handler, CancellationToken ct) =>
            request.Month is { } month
                ? Send(id, new IssueStatement(month), null, http, handler, ct)
                : Task.FromResult(ApiProblems.BadRequest("The month is required (yyyy-MM).", "month_missing")))
            .RequireAuthorization(LedgerAction.Manage).WithSummary("Issue a month's statement: records the moment it went out (its statement 'as issued').");

        accounts.MapPost("/{id}/reversals", (string id, ReversalRequest request, HttpRequest http, AccountCommandHandler handler, CancellationToken ct) =>
            request.EventId is { } eventId
                ? Send(id, new ReverseTransaction(eventId, request.Reason ?? ""), request.ExpectedVersion, http, handler, ct)
                : Task.FromResult(ApiProblems.BadRequest("The eventId of the deposit or withdrawal to reverse is required.", "event_id_missing")))
            .RequireAuthorization(LedgerAction.Manage).WithSummary("Reverse an earlier deposit or withdrawal (manager): appends a reversal at the original's business time; the original stays.");

        accounts.MapPost("/", async (OpenAccountRequest request, HttpRequest http, AccountCommandHandler handler, CancellationToken ct) =>
        {
            var actor = SignedIn.Name(http);
            if (!IdempotencyKeyHeader.TryRead(http, out var key, out var keyError)) return ApiProblems.BadRequest(keyError!, "idempotency_key_malformed");
            if (!TryParsePlan(request.Plan, out var plan, out var planError)) return planError;
            var command = new OpenAccount(request.Owner ?? "", plan, request.Currency ?? "");
            // With a key, the new account's id is derived from it: a retried open aims at the same stream, so it opens once.
            var id = key is null ? AccountId.New() : AccountId.ForIdempotencyKey(key);
            var outcome = await handler.HandleAsync(id, command, CommandContext.For(actor) with { IdempotencyKey = key }, ct);
            return ApiProblems.From(outcome, StatusCodes.Status201Created);
        }).RequireAuthorization(LedgerAction.Transact).WithSummary("Open an account; 201 with the CommandResult.");

        accounts.MapPost("/{id}/deposits", (string id, MoneyRequest request, HttpRequest http, AccountCommandHandler handler, CancellationToken ct) =>
            request.Amount is not { } amount ? Task.FromResult(ApiProblems.BadRequest("The amount is required.", "amount_missing"))
            : BackdatingForbidden(request, http) is { } forbidden ? Task.FromResult(forbidden)
            : Send(id, new Deposit(amount, request.Reference, request.Backdated), request.ExpectedVersion, http, handler, ct))
            .RequireAuthorization(LedgerAction.Transact).WithSummary("Deposit money; with occurredAt in the past and a reason, a backdated posting (manager). Returns the CommandResult.");

        accounts.MapPost("/{id}/withdrawals", (string id, MoneyRequest request, HttpRequest http, AccountCommandHandler handler, CancellationToken ct) =>
            request.Amount is not { } amount ? Task.FromResult(ApiProblems.BadRequest("The amount is required.", "amount_missing"))
            : BackdatingForbidden(request, http) is { } forbidden ? Task.FromResult(forbidden)
            : Send(id, new Withdraw(amount, request.Reference, request.Backdated), request.ExpectedVersion, http, handler, ct))
            .RequireAuthorization(LedgerAction.Transact).WithSummary("Withdraw money (within the plan's overdraft, now and — backdated — from its business time on); returns the CommandResult.");

        accounts.MapPut("/{id}/plan", (string id, ChangePlanRequest request, HttpRequest http, AccountCommandHandler handler, CancellationToken ct) =>
            TryParsePlan(request.Plan, out var plan, out var planError)
                ? Send(id, new ChangePlan(plan), request.ExpectedVersion, http, handler, ct)
                : Task.FromResult(planError))
            .RequireAuthorization(LedgerAction.Manage).WithSummary("Change the account's plan; returns the CommandResult.");

        accounts.MapPost("/{id}/close", (string id, [FromBody] CloseAccountRequest? request, HttpRequest http, AccountCommandHandler handler, CancellationToken ct) =>
            Send(id, new CloseAccount(), request?.ExpectedVersion, http, handler, ct))
            .RequireAuthorization(LedgerAction.Manage).WithSummary("Close an account with a zero balance; returns the CommandResult.");

        accounts.MapPost("/{id}/forget", async (string id, HttpRequest http, Core.Application.OwnerEraser eraser, CancellationToken ct) =>
        {
            if (!AccountId.TryParse(id, out var accountId)) return NotFound(id);
            var actor = SignedIn.Name(http);
            var (outcome, forgotten) = await eraser.ForgetAsync(accountId, CommandContext.For(actor), ct);
            return forgotten is { } f
                ? Results.Ok(new { f.Result.AccountId, f.Result.Version, f.Result.Position, f.Result.State, f.KeyDestroyed, f.AlreadyForgotten, f.SnapshotsPurged, f.StoppedProjections })
                : ApiProblems.From(outcome);
        }).RequireAuthorization(LedgerAction.Forget).WithSummary("Crypto-shred the owner's personal data: append OwnerForgotten, destroy the data key. Balances still replay.");

        return app;
    }

    private static async Task<IResult> GetAccount(string id, string? asOf, string? knownAt, LedgerQueries queries, CancellationToken ct)
    {
        if (!AccountId.TryParse(id, out var accountId)) return NotFound(id);
        if (!TimeSliceQuery.TryParse(asOf, knownAt, out var slice, out var problem)) return problem;
        var loaded = await queries.GetAccountAsync(accountId, slice, ct);
        return loaded.View is { } view
            ? TypedResults.Ok(view)
            : ApiProblems.Refusal(DomainError.NotFound(slice.IsNow
                ? $"No account '{id}' exists."
                : $"No account '{id}' existed {Describe(slice)}: it had not been opened yet (or never was)."));
    }

    private static async Task<IResult> GetStatement(string id, string month, StatementReads statements, CancellationToken ct)
    {
        if (!AccountId.TryParse(id, out var accountId)) return NotFound(id);
        if (!AccountTimeline.TryParseMonth(month, out _)) return ApiProblems.BadRequest($"'{(month.Length > 20 ? month[..20] + "…" : month)}' is not a month (yyyy-MM).", "month_invalid");
        return await statements.CompareAsync(accountId, month, ct) is { } comparison ? TypedResults.Ok(comparison) : NotFound(id);
    }

    private static string Describe(TimeSlice slice) =>
        string.Join(" ", new[] { slice.AsOf is { } t ? $"as of {t:O}" : null, slice.KnownAt is { } k ? $"as known at {k:O}" : null }.OfType<string>());

    /// <summary>A posting dated in the past rewrites what a statement said: a manager's call, not a teller's (403 otherwise).</summary>
    private static IResult? BackdatingForbidden(MoneyRequest request, HttpRequest http) =>
        request.OccurredAt is null || LedgerRoles.For(LedgerAction.Manage).Any(http.HttpContext.User.IsInRole)
            ? null
            : TypedResults.Problem(
                title: "Forbidden",
                detail: $"A backdated posting (occurredAt) {LedgerRoles.Needs(LedgerAction.Manage)}.",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["code"] = "backdating_forbidden" });

    private static async Task<IResult> Send(string id, IAccountCommand command, long? expectedVersion, HttpRequest http, AccountCommandHandler handler, CancellationToken ct)
    {
        if (!AccountId.TryParse(id, out var accountId)) return NotFound(id);
        var actor = SignedIn.Name(http);
        if (expectedVersion is < 0) return ApiProblems.BadRequest("expectedVersion may not be negative.", "expected_version_negative");
        if (!IdempotencyKeyHeader.TryRead(http, out var key, out var keyError)) return ApiProblems.BadRequest(keyError!, "idempotency_key_malformed");
        return ApiProblems.From(await handler.HandleAsync(accountId, command, CommandContext.For(actor, expectedVersion) with { IdempotencyKey = key }, ct));
    }

    private static IResult NotFound(string id) =>
        ApiProblems.Refusal(DomainError.NotFound($"No account '{(id.Length > 60 ? id[..60] + "…" : id)}' exists."));

    private static bool TryParsePlan(string? text, out Plan plan, out IResult problem)
    {
        problem = Results.Empty;
        // One plan's name, exactly (any case): Enum.TryParse alone would also take "Basic, Premium" (a flags list) or "2".
        if (Enum.GetNames<Plan>().FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            plan = Enum.Parse<Plan>(known);
            return true;
        }

        plan = default;
        var shown = text is null ? "(none)" : $"'{(text.Length > 40 ? text[..40] + "…" : text)}'";
        problem = ApiProblems.BadRequest($"Unknown plan {shown}; expected one of {string.Join(", ", Enum.GetNames<Plan>())}.", "plan_unknown");
        return false;
    }
}
