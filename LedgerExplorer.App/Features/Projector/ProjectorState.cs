using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Projections;

namespace LedgerExplorer.App.Features.Projector;

/// <summary>
/// What the UI says about the projector, from its heartbeat and the projections' statuses: one of
/// running, catching up, paused, stopped, error.
/// </summary>
public sealed record ProjectorState(ProjectorMode Mode, ProjectorLiveness Liveness, IReadOnlyList<ProjectionStatus> Projections, bool Controllable)
{
    /// <summary>How the App's supervision of a child projector stands (null when it is not a child).</summary>
    public ProjectorSupervision? Supervision { get; init; }

    public string Label =>
        Projections.Any(p => p.Error is not null) ? "error"
        : Liveness.State == ProjectorRunState.Paused ? "paused"
        : Liveness.State == ProjectorRunState.Stopped ? "stopped"
        : Projections.Any(p => p.LagEvents > 0) ? "catching up"
        : "running";

    public long EventsBehind => Projections.Count == 0 ? 0 : Projections.Max(p => p.LagEvents);

    public double LagMs => Projections.Count == 0 ? 0 : Projections.Max(p => p.LagMs);

    public bool IsHeld => Liveness.State is ProjectorRunState.Paused or ProjectorRunState.Stopped;

    public static async Task<ProjectorState> ReadAsync(ProjectorHost host, ProjectionCatalog catalog, CancellationToken cancellationToken = default)
    {
        var statuses = new List<ProjectionStatus>();
        foreach (var runner in catalog.All) statuses.Add(await runner.GetStatusAsync(cancellationToken));
        return new ProjectorState(host.Mode, host.Liveness, statuses, host.IsControllable) { Supervision = host.Supervision };
    }
}
