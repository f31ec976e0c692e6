using LedgerExplorer.App.Features.Identity;
using System.Globalization;
using LedgerExplorer.App.Features.Api;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.App.Features.Projections;

public static class ProjectionEndpoints
{
    public static IEndpointRouteBuilder MapProjectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/projections", async (ProjectionCatalog catalog, CancellationToken ct) =>
        {
            var statuses = new List<object>();
            foreach (var runner in catalog.All)
            {
                var s = await runner.GetStatusAsync(ct);
                statuses.Add(new { s.Name, s.Checkpoint, s.Head, s.LagEvents, s.LagMs, s.State, s.Error, s.Retry, s.LastBatch });
            }

            return TypedResults.Ok(statuses);
        }).RequireAuthorization(LedgerAction.Read).WithTags("Projections").WithSummary("Each projection's checkpoint, the log's head, and the lag between them: in events (head − checkpoint) and in ms (how long the oldest unapplied event has waited); state is caught up, catching up, retrying (retry: transient failures in a row, the last one) or stopped (error: the poison event); lastBatch is the last commit's largest recorded-at-to-commit lag.");

        app.MapPost("/api/projections/{name}/rebuild", async (string name, ProjectionCatalog catalog, CancellationToken ct) =>
            catalog.Find(name) is { } runner
                ? Results.Ok(Describe(await runner.RebuildAsync(cancellationToken: ct)))
                : UnknownProjection(name, catalog))
            .RequireAuthorization(LedgerAction.Operate).WithTags("Projections").WithSummary("Empty the read model, reset its checkpoint, replay the log; hashes of the canonical dump before and after.");

        app.MapPost("/api/projections/{name}/redeliver", async (string name, long position, ProjectionCatalog catalog, CancellationToken ct) =>
        {
            if (catalog.Find(name) is not { } runner) return UnknownProjection(name, catalog);
            try
            {
                var result = await runner.RedeliverAsync(position, ct);
                return Results.Ok(new { result.Name, result.Position, result.Checkpoint, result.Applied, result.HashBefore, result.HashAfter, result.Explanation });
            }
            catch (ArgumentOutOfRangeException)
            {
                return ApiProblems.BadRequest($"There is no event at position {position}.", "position_unknown");
            }
        }).RequireAuthorization(LedgerAction.Operate).WithTags("Projections").WithSummary("Deliver an already-applied event again, to watch the checkpoint refuse it.");

        app.MapGet("/api/balances", async (string? asOf, string? knownAt, ProjectionCatalog catalog, ReadModelDatabase readModels, LedgerQueries queries, CancellationToken ct) =>
        {
            if (!TimeSliceQuery.TryParse(asOf, knownAt, out var slice, out var problem)) return problem;
            if (!slice.IsNow)
            {
                return Results.Ok(new { asOf = slice.AsOf, knownAt = slice.KnownAt, source = "history read model + the log past its checkpoint", rows = await queries.ListAccountsAsync(slice, cancellationToken: ct) });
            }

            var status = await catalog.Find(Core.Projections.Balances.BalancesProjection.ProjectionName)!.GetStatusAsync(ct);
            await using var context = readModels.CreateContext();
            var rows = await context.Balances.OrderBy(b => b.Owner).ThenBy(b => b.AccountId).ToListAsync(ct);
            return Results.Ok(new { source = "balances read model", status.Checkpoint, status.Head, status.LagEvents, rows });
        }).RequireAuthorization(LedgerAction.Read).WithTags("Projections").WithSummary("The balances read model with its checkpoint; with asOf (business time) and/or knownAt (what had been recorded by then), each account's state at that cut from the history read model, with the events past its checkpoint folded on top (what a replay of the log answers).");

        app.MapGet("/api/statements/{accountId}", async (string accountId, string? month, ReadModelDatabase readModels, CancellationToken ct) =>
        {
            if (!AccountId.TryParse(accountId, out _)) return ApiProblems.Refusal(DomainError.NotFound($"No account '{accountId}' exists."));
            await using var context = readModels.CreateContext();
            var query = context.Statements.Where(s => s.AccountId == accountId);
            if (month is not null) query = query.Where(s => s.Month == month);
            return Results.Ok(await query.OrderBy(s => s.Month).ToListAsync(ct));
        }).RequireAuthorization(LedgerAction.Read).WithTags("Projections").WithSummary("Monthly statements of one account, from the statements read model.");

        return app;
    }

    public static object Describe(RebuildResult r) =>
        new { r.Name, r.HashBefore, r.HashAfter, r.Identical, r.Events, r.Rows, r.ElapsedMs, r.EventsPerSecond };

    private static IResult UnknownProjection(string name, ProjectionCatalog catalog) => TypedResults.Problem(
        title: "Unknown projection",
        detail: $"No projection is named '{name}'; there are: {string.Join(", ", catalog.All.Select(r => r.Name))}.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["code"] = "projection_unknown" });
}
