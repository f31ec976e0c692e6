using LedgerExplorer.App.Features.Audit;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Audit;
using LedgerExplorer.Core.Domain;

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
        var handler = sandbox.Get<AccountCommandHandler>();
        var id = await OpenAsync(sandbox, "Ada Lovelace", 100m, ct);
        Accepted(await handler.HandleAsync(id, new ChangePlan(Plan.Premium), CommandContext.For("bob"), ct));
        Accepted(await handler.HandleAsync(id, new ChangePlan(Plan.Plus), CommandContext.For("carol"), ct));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var answer = await sandbox.Get<AccountAudit>().PlanChangesOnAsync(id, today, ct);
        log.Did($"Opened an account on Basic; bob changed it to Premium, carol to Plus. Then asked: who changed the plan on {today:yyyy-MM-dd}?");
        foreach (var sentence in AuditSentences.For(answer!)) log.Saw("answer", sentence);
        log.Expect(answer!.Changes.Count == 2 && answer.Changes[0].Actor == "bob" && answer.Changes[0].PriorPlan == Plan.Basic && answer.Changes[1].PriorPlan == Plan.Premium,
            "The audit answer does not match the changes made.");
    }
}
