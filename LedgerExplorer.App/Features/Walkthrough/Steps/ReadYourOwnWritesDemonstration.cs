using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class ReadYourOwnWritesDemonstration() : SandboxDemonstration(
    "read-your-own-writes",
    "Read your own writes",
    "Read models trail the log. A command therefore answers with the state it produced, and the UI shows that — so a person never sees their own change missing while the projection catches up.",
    "/accounts",
    "LedgerExplorer.Core/Application/AccountCommandHandler.cs",
    "ReadYourOwnWrites (AccountsPageReadYourOwnWritesTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var id = await OpenAsync(sandbox, "Ada Lovelace", 100m, ct);
        var runner = Balances(sandbox);
        await runner.CatchUpAsync(cancellationToken: ct);
        var result = Accepted(await sandbox.Get<AccountCommandHandler>().HandleAsync(id, new Deposit(25m), Alice, ct));
        var lagging = await ReadModelBalanceAsync(sandbox, id, ct);
        await runner.CatchUpAsync(cancellationToken: ct);
        var caughtUp = await ReadModelBalanceAsync(sandbox, id, ct);
        log.Did("With no projector running, deposited 25.00 into an account holding 100.00; compared the command's answer with the read model, then let the projection catch up.");
        log.Saw("the command's result (what the UI shows)", $"{result.State.Balance:N2} at version {result.Version}");
        log.Saw("the balances read model, lagging", $"{lagging:N2}");
        log.Saw("the read model after catching up", $"{caughtUp:N2}");
        log.Expect(result.State.Balance == 125m && lagging == 100m && caughtUp == 125m, "The command result and the read model did not behave as expected.");
    }

    private static async Task<decimal?> ReadModelBalanceAsync(Sandbox sandbox, AccountId id, CancellationToken ct)
    {
        await using var context = sandbox.Get<ReadModelDatabase>().CreateContext();
        return (await context.Balances.FirstOrDefaultAsync(b => b.AccountId == id.Value, ct))?.Balance;
    }
}
