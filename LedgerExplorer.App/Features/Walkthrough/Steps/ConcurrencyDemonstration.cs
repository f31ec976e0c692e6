using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class ConcurrencyDemonstration() : SandboxDemonstration(
    "concurrency",
    "Optimistic concurrency",
    "Two people decide on the same version of an account at once. The log accepts the first append and refuses the second — it never merges them or loses one — because every append states the version it saw.",
    "/accounts",
    "LedgerExplorer.Core/EventStore/Sqlite/SqliteEventStore.cs",
    "Concurrency (ConcurrencyContract)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var id = await OpenAsync(sandbox, "Ada Lovelace", 100m, ct);
        var handler = sandbox.Get<AccountCommandHandler>();
        log.Did("Opened an account (version 2 after a deposit), then sent two withdrawals of 60.00 at the same moment, both expecting version 2.");
        using var start = new Barrier(2);
        var race = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(ct); return handler.HandleAsync(id, new Withdraw(60m), new CommandContext("bob", Guid.NewGuid(), 2), ct); }, ct),
            Task.Run(() => { start.SignalAndWait(ct); return handler.HandleAsync(id, new Withdraw(60m), new CommandContext("alice", Guid.NewGuid(), 2), ct); }, ct));
        string Describe(CommandOutcome o) => o switch
        {
            CommandOutcome.Accepted a => $"accepted: version {a.Result.Version}, balance {a.Result.State.Balance:N2}",
            CommandOutcome.Conflict c => $"refused: ConcurrencyException (expected {c.Exception.ExpectedVersion}, actual {c.Exception.ActualVersion})",
            _ => o.ToString(),
        };
        log.Saw("bob's withdrawal", Describe(race[0]));
        log.Saw("alice's withdrawal", Describe(race[1]));
        var final = await sandbox.Get<LedgerQueries>().GetAccountAsync(id, cancellationToken: ct);
        log.Saw("the account, folded from the log", $"version {final.Version}, balance {final.View!.Balance:N2}");
        log.Expect(race.Count(o => o is CommandOutcome.Accepted) == 1 && race.Count(o => o is CommandOutcome.Conflict) == 1, "Expected exactly one winner and one conflict.");
        log.Expect(final.Version == 3 && final.View!.Balance == 40m, "Expected the balance to move once (100.00 − 60.00).");
    }
}
