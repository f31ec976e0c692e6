using LedgerExplorer.App.Features.Identity;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.App.Features.Snapshots;

public static class SnapshotEndpoints
{
    public static IEndpointRouteBuilder MapSnapshotEndpoints(this IEndpointRouteBuilder app)
    {
        // The drift check's counts (verified, unverified, quarantined) and what loads did with snapshots since start.
        app.MapGet("/api/snapshots", (AccountSnapshots snapshots) => Results.Ok(new
        {
            health = snapshots.Store.Health(),
            loads = snapshots.Statistics,
            foldCode = FoldCode.Current,
        })).RequireAuthorization(LedgerAction.Read).WithTags("Snapshots").WithSummary("The snapshot drift check's counts and what loads did with snapshots since start.");
        return app;
    }
}
