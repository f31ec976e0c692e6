using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class RebuildDemonstration() : SandboxDemonstration(
    "rebuild",
    "Rebuild with equal hashes",
    "Read models are disposable: drop one, replay the log, and you must get the same bytes — or the log is not the only source of truth.",
    "/projections",
    "LedgerExplorer.Core/Projections/ReadModelDump.cs",
    "Rebuild (RebuildProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var written = await DemoLedger.SeedAsync(sandbox.Get<IEventStore>(), DateTimeOffset.UtcNow, sandbox.Get<IPersonalDataVault>(), cancellationToken: ct);
        var runner = Balances(sandbox);
        await runner.CatchUpAsync(cancellationToken: ct);
        var rebuild = await runner.RebuildAsync(cancellationToken: ct);
        log.Did($"Seeded the demo ledger ({written} events), projected the balances, then emptied the read model and replayed the whole log.");
        log.Saw("SHA-256 before", rebuild.HashBefore);
        log.Saw("SHA-256 after", rebuild.HashAfter);
        log.Saw("replayed", $"{rebuild.Events:N0} events into {rebuild.Rows} rows in {rebuild.ElapsedMs:N0} ms");
        log.Expect(rebuild.Identical, "The rebuilt read model differs from the one it replaced.");
    }
}
