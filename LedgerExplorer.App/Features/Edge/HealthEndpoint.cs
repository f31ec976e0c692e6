using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;

namespace LedgerExplorer.App.Features.Edge;

/// <summary><c>GET /api/health</c>, the one endpoint open to anyone: 200 when the log and the read models answer, 503 (saying which did not) otherwise.</summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", async (IEventStoreReader log, ProjectionCatalog projections, CancellationToken ct) =>
        {
            var failures = new Dictionary<string, string>();
            long head = 0;
            try
            {
                head = await log.ReadHeadPositionAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures["log"] = e.Message;
            }

            try
            {
                foreach (var runner in projections.All) await runner.GetStatusAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures["readModels"] = e.Message;
            }

            return failures.Count == 0
                ? Results.Ok(new { status = "healthy", head })
                : Results.Json(new { status = "unhealthy", failures }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithTags("Health").WithSummary("200 when the log and the read models answer; open to anyone (no personal data in it).");
        return app;
    }
}
