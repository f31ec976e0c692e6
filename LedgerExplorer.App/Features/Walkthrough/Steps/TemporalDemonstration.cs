using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class TemporalDemonstration() : SandboxDemonstration(
    "temporal",
    "Temporal query",
    "The log holds every past state. Folding it only up to a position answers \"what was the balance then?\" exactly — no history table needed.",
    "/time-travel",
    "LedgerExplorer.Core/Application/LedgerQueries.cs",
    "TemporalQuery (TemporalQueryProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var handler = sandbox.Get<AccountCommandHandler>();
        var id = await OpenAsync(sandbox, "Ada Lovelace", 100m, ct);
        var middle = Accepted(await handler.HandleAsync(id, new Deposit(50m), Alice, ct));
        Accepted(await handler.HandleAsync(id, new Withdraw(120m), Alice, ct));
        var queries = sandbox.Get<LedgerQueries>();
        var now = await queries.GetAccountAsync(id, cancellationToken: ct);
        var then = await queries.GetAccountAtPositionAsync(id, middle.Position, ct);
        log.Did($"Deposited 100.00 and 50.00, withdrew 120.00; then asked for the balance as of global position {middle.Position} (the second deposit).");
        log.Saw("balance now", $"{now.View!.Balance:N2} (version {now.Version})");
        log.Saw($"balance as of position {middle.Position}", $"{then.View!.Balance:N2} (version {then.Version})");
        log.Expect(then.View.Balance == 150m && now.View.Balance == 30m, "The as-of fold did not give the balance at that point.");
    }
}
