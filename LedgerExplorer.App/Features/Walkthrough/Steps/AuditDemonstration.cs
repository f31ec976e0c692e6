using LedgerExplorer.App.Features.Audit;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Audit;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class AuditDemonstration() : SandboxDemonstration(
    "audit",
    "The audit question",
    "\"Who changed this customer's plan on that day, and from what?\" — answered from the log alone, because every change is an event with who, when and what.",
    "/audit",
    "LedgerExplorer.Core/Audit/AccountAudit.cs",
    "Audit (AuditProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        // The day asked about is the day the changes were stamped, on a clock of the demonstration's own (the wall
        // clock could pass midnight between the changes and the question).
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1); // yesterday: wholly in the past
        var clock = new SteppedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
        var handler = new AccountCommandHandler(sandbox.Get<IEventStore>(), clock, sandbox.Get<LedgerNotifications>(), sandbox.Get<IPersonalDataVault>());
        var id = AccountId.New();
        Accepted(await handler.HandleAsync(id, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"), Alice, ct));
        clock.Set(clock.GetUtcNow().AddHours(2));
        Accepted(await handler.HandleAsync(id, new ChangePlan(Plan.Premium), CommandContext.For("bob"), ct));
        clock.Set(clock.GetUtcNow().AddHours(3));
        Accepted(await handler.HandleAsync(id, new ChangePlan(Plan.Plus), CommandContext.For("admin"), ct));
        var answer = await sandbox.Get<AccountAudit>().PlanChangesOnAsync(id, day, ct);
        log.Did($"Opened an account on Basic on {day:yyyy-MM-dd}; that day bob changed it to Premium, admin to Plus. Then asked: who changed the plan on {day:yyyy-MM-dd}?");
        foreach (var sentence in AuditSentences.For(answer!)) log.Saw("answer", sentence);
        log.Expect(answer!.Changes.Count == 2 && answer.Changes[0].Actor == "bob" && answer.Changes[0].PriorPlan == Plan.Basic && answer.Changes[1].PriorPlan == Plan.Premium,
            "The audit answer does not match the changes made.");
    }
}
