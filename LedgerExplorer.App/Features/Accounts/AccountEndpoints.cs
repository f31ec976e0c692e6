using LedgerExplorer.App.Features.Identity;
using System.Globalization;
using LedgerExplorer.App.Features.Api;
using LedgerExplorer.Core.Application;
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
            .WithSummary("One account folded from the log, optionally as of an ISO-8601 instant.");

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
            request.Amount is { } amount
                ? Send(id, new Deposit(amount, request.Reference), request.ExpectedVersion, http, handler, ct)
                : Task.FromResult(ApiProblems.BadRequest("The amount is required.", "amount_missing")))
            .RequireAuthorization(LedgerAction.Transact).WithSummary("Deposit money; returns the CommandResult.");

        accounts.MapPost("/{id}/withdrawals", (string id, MoneyRequest request, HttpRequest http, AccountCommandHandler handler, CancellationToken ct) =>
            request.Amount is { } amount
                ? Send(id, new Withdraw(amount, request.Reference), request.ExpectedVersion, http, handler, ct)
                : Task.FromResult(ApiProblems.BadRequest("The amount is required.", "amount_missing")))
            .RequireAuthorization(LedgerAction.Transact).WithSummary("Withdraw money (within the plan's overdraft); returns the CommandResult.");

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

    private static async Task<IResult> GetAccount(string id, string? asOf, LedgerQueries queries, CancellationToken ct)
    {
        if (!AccountId.TryParse(id, out var accountId)) return NotFound(id);
        DateTimeOffset? instant = null;
        if (asOf is not null)
        {
            if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                return ApiProblems.BadRequest($"asOf '{asOf}' is not an ISO-8601 instant (e.g. 2026-03-01T12:00:00Z).", "as_of_malformed");
            instant = parsed;
        }

        var loaded = await queries.GetAccountAsync(accountId, instant, ct);
        return loaded.View is { } view
            ? TypedResults.Ok(view)
            : ApiProblems.Refusal(DomainError.NotFound(instant is null
                ? $"No account '{id}' exists."
                : $"No account '{id}' existed as of {instant:O}: it had not been opened yet (or never was)."));
    }

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
