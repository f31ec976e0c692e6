using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.History;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class TemporalDemonstration() : SandboxDemonstration(
    "temporal",
    "Temporal query",
    "The log holds every past state. Folding it only up to a position answers \"what was the balance then?\" exactly. A history read model — each account's state after each event, derived from the log and rebuildable from it — turns that fold into an index lookup, so it stays quick at a million events; here both answer, and must agree.",
    "/time-travel",
    "LedgerExplorer.Core/Application/Reads/TemporalReads.cs",
    "TemporalQuery (TemporalQueryProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var handler = sandbox.Get<AccountCommandHandler>();
        var id = await OpenAsync(sandbox, "Ada Lovelace", 100m, ct);
        var middle = Accepted(await handler.HandleAsync(id, new Deposit(50m), Alice, ct));
        Accepted(await handler.HandleAsync(id, new Withdraw(120m), Alice, ct));
        await sandbox.Get<ProjectionCatalog>().Find(HistoryProjection.ProjectionName)!.CatchUpAsync(cancellationToken: ct);
        var queries = sandbox.Get<LedgerQueries>();
        var now = await queries.GetAccountAsync(id, cancellationToken: ct);
        var then = await queries.GetAccountAtPositionAsync(id, middle.Position, ct); // history read model
        var folded = await new AccountLoader(sandbox.Get<IEventStoreReader>(), sandbox.Get<IPersonalDataVault>()).LoadAsync(id, new StreamReadRange(UntilPosition: middle.Position), ct);
        log.Did($"Deposited 100.00 and 50.00, withdrew 120.00; then asked for the balance as of global position {middle.Position} (the second deposit), twice: from the history read model, and by folding the log up to that position.");
        log.Saw("balance now", $"{now.View!.Balance:N2} (version {now.Version})");
        log.Saw($"as of position {middle.Position}, history read model", $"{then.View!.Balance:N2} (version {then.Version})");
        log.Saw($"as of position {middle.Position}, log folded from version 1", $"{folded.View!.Balance:N2} (version {folded.Version})");
        log.Expect(then.View.Balance == 150m && now.View.Balance == 30m && then == folded, "The as-of answers did not give the balance at that point, or did not agree.");
    }
}
