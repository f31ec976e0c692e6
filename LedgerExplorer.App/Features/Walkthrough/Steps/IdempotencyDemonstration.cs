using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class IdempotencyDemonstration() : SandboxDemonstration(
    "idempotency",
    "Idempotent projection",
    "Transports deliver events more than once. A projection writes its rows and its checkpoint in one transaction and skips anything at or below the checkpoint, so a redelivered event changes nothing.",
    "/projections",
    "LedgerExplorer.Core/Projections/ProjectionRunner.cs",
    "Idempotency (IdempotencyProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        await OpenAsync(sandbox, "Ada Lovelace", 250m, ct);
        var runner = Balances(sandbox);
        await runner.CatchUpAsync(cancellationToken: ct);
        var deposit = (await sandbox.Get<IEventStoreReader>().ReadAllAsync(2, 1, ct))[0];
        var redelivery = await runner.RedeliverAsync(deposit.Position, ct);
        log.Did($"Projected a deposit of 250.00, then delivered the same event (position {deposit.Position}) to the balances projection again.");
        log.Saw("checkpoint", redelivery.Checkpoint);
        log.Saw("applied again?", redelivery.Applied ? "yes" : "no — at or below the checkpoint, skipped");
        log.Saw("hash before", Short(redelivery.HashBefore));
        log.Saw("hash after", Short(redelivery.HashAfter));
        log.Expect(!redelivery.Applied && redelivery.HashBefore == redelivery.HashAfter, "The redelivered event changed the read model.");
    }
}
