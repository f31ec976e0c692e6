using System.Globalization;
using LedgerExplorer.App.Features.Load;
using LedgerExplorer.Core.Projections;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class ProjectorLagDemonstration() : SandboxDemonstration(
    "projector-lag",
    "Projector lag under a burst",
    "The projector is asynchronous: under load it falls behind, and it must catch up — without losing or repeating an event. Measured, not assumed.",
    "/projector",
    "LedgerExplorer.Core/Projections/ProjectorLoop.cs",
    "ProjectionLag (ProjectionLagProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loop = sandbox.Get<ProjectorLoop>();
        var running = Task.Run(() => loop.RunAsync(wake: null, stop.Token), CancellationToken.None);
        try
        {
            var summary = await sandbox.Get<LoadGenerator>().RunAsync(new LoadPlan(Rate: 400, Seconds: 2, Accounts: 20), cancellationToken: ct);
            foreach (var s in summary.Samples) log.Plot(s.AtMs / 1000, s.EventsBehind);
            log.Did("Ran the projector loop — the one the Projector process runs, here inside this process, on a sandbox ledger — and wrote 400 deposits a second for 2 seconds across 20 accounts, sampling its lag every 20 ms. (The separate process itself, killed and restarted mid-burst, is what ProjectionLagProofTests runs.)");
            log.Saw("achieved", $"{summary.AppendsPerSecond:N0} commands/s, {summary.Failed} failed");
            log.Saw("lag ms p50 / p99 / max", string.Create(CultureInfo.InvariantCulture, $"{summary.LagMs.P50:N0} / {summary.LagMs.P99:N0} / {summary.LagMs.Max:N0}"));
            log.Saw("lag events p50 / p99 / max", string.Create(CultureInfo.InvariantCulture, $"{summary.LagEvents.P50:N0} / {summary.LagEvents.P99:N0} / {summary.LagEvents.Max:N0}"));
            log.Saw("caught up after the burst", summary.ConvergedAfterMs is { } c ? $"{c:N0} ms" : "not within the timeout");
            log.Expect(summary.Failed == 0 && summary.ConvergedAfterMs is not null, "The projector did not catch up (or commands failed).");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }
}
