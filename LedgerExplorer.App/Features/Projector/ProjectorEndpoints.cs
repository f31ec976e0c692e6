using LedgerExplorer.App.Features.Identity;
using LedgerExplorer.App.Features.Api;

namespace LedgerExplorer.App.Features.Projector;

public static class ProjectorEndpoints
{
    public static IEndpointRouteBuilder MapProjectorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/projector", (ProjectorHost projector) => Results.Ok(Describe(projector)))
            .RequireAuthorization(LedgerAction.Read).WithTags("Projector").WithSummary("Where the projector runs (child process, in-process or by hand) and its state from its heartbeat.");

        app.MapPost("/api/projector/pause", async (ProjectorHost projector) =>
        {
            if (!projector.IsControllable) return NotControllable();
            await projector.PauseAsync();
            return Results.Ok(Describe(projector));
        }).RequireAuthorization(LedgerAction.Operate).WithTags("Projector").WithSummary("Stop the projector: the log keeps taking writes while the read models stay behind.");

        app.MapPost("/api/projector/resume", async (ProjectorHost projector) =>
        {
            if (!projector.IsControllable) return NotControllable();
            await projector.ResumeAsync();
            return Results.Ok(Describe(projector));
        }).RequireAuthorization(LedgerAction.Operate).WithTags("Projector").WithSummary("Start the projector again; it resumes from its checkpoints.");

        return app;
    }

    private static object Describe(ProjectorHost projector)
    {
        var seen = projector.Liveness;
        return new { mode = projector.Mode, state = seen.State.ToString().ToLowerInvariant(), seen.ProcessId, seen.StartedAt, seen.LastBeatAt, paused = projector.IsPaused, supervision = projector.Supervision };
    }

    private static IResult NotControllable() => ApiProblems.Conflict(
        "The projector is run by hand (Projector:Mode=External): stop or start it where it runs.", "projector_external");
}
