using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.App.Features.Api;

/// <summary>Maps command outcomes to HTTP: 2xx with the CommandResult, or problem+json with a status that says whose fault it is.</summary>
public static class ApiProblems
{
    public static IResult From(CommandOutcome outcome, int successStatus = StatusCodes.Status200OK) => outcome switch
    {
        CommandOutcome.Accepted { Result: var result } when successStatus == StatusCodes.Status201Created =>
            TypedResults.Created($"/api/accounts/{result.AccountId}", result),
        CommandOutcome.Accepted { Result: var result } => TypedResults.Ok(result),
        CommandOutcome.Refused { Error: var error } => Refusal(error),
        CommandOutcome.Conflict { Exception: var conflict } => Conflict(conflict),
        CommandOutcome.KeyReused { Key: var key } => TypedResults.Problem(
            title: "Idempotency key already used",
            detail: $"The Idempotency-Key '{key}' was already used for a different request (another command, account, amount or user). Send a new key for a new request.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["code"] = "idempotency_key_reused" }),
        CommandOutcome.Unavailable { Reason: var reason } => TypedResults.Problem(
            title: "The ledger is unavailable for a moment",
            detail: reason,
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["code"] = "ledger_unavailable" }),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static IResult Refusal(DomainError error) => TypedResults.Problem(
        title: error.Kind switch
        {
            ErrorKind.Invalid => "The request is invalid",
            ErrorKind.NotFound => "Account not found",
            _ => "The command was refused",
        },
        detail: error.Message,
        statusCode: error.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status422UnprocessableEntity,
        },
        extensions: new Dictionary<string, object?> { ["code"] = error.Code });

    public static IResult Conflict(ConcurrencyException conflict) => TypedResults.Problem(
        title: "Version conflict",
        detail: conflict.Message,
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?>
        {
            ["code"] = "version_conflict",
            ["stream"] = conflict.StreamId,
            ["expectedVersion"] = conflict.ExpectedVersion,
            ["actualVersion"] = conflict.ActualVersion,
        });

    public static IResult BadRequest(string detail, string code = "invalid_request") => TypedResults.Problem(
        title: "The request is invalid",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>A request the server understood but cannot carry out in its present state (409).</summary>
    public static IResult Conflict(string detail, string code) => TypedResults.Problem(
        title: "Not possible now",
        detail: detail,
        statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["code"] = code });

    public static IResult NotFound(string detail, string code) => TypedResults.Problem(
        title: "Not found",
        detail: detail,
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["code"] = code });
}
