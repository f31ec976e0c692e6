using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class SecondProjectionDemonstration() : SandboxDemonstration(
    "second-projection",
    "A second projection from history",
    "A new question gets a new read model, built from events written before it existed. Nothing was lost, because nothing was ever thrown away.",
    "/projections",
    "LedgerExplorer.Core/Projections/Statements/StatementsProjection.cs",
    "SecondProjection (SecondProjectionProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        await DemoLedger.SeedAsync(sandbox.Get<IEventStore>(), DateTimeOffset.UtcNow, sandbox.Get<IPersonalDataVault>(), cancellationToken: ct);
        var statements = sandbox.Get<ProjectionCatalog>().Find("statements")!;
        var before = await statements.GetStatusAsync(ct);
        await statements.CatchUpAsync(cancellationToken: ct);
        var after = await statements.GetStatusAsync(ct);
        await using var context = sandbox.Get<ReadModelDatabase>().CreateContext();
        var rows = await context.Statements.CountAsync(ct);
        var sample = await context.Statements.OrderBy(s => s.Month).FirstAsync(ct);
        log.Did("Wrote three months of history first; only then started the monthly-statements projection, from checkpoint 0.");
        log.Saw("checkpoint before → after", $"{before.Checkpoint} → {after.Checkpoint} (head {after.Head})");
        log.Saw("statements built from history", rows);
        log.Saw("one of them", $"{sample.Month}: opening {sample.Opening}, credits {sample.Credits}, debits {sample.Debits}, closing {sample.Closing}");
        log.Expect(before.Checkpoint == 0 && after.Checkpoint == after.Head && rows > 0, "The new projection did not build from the whole history.");
    }
}
