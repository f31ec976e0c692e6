using System.Globalization;
using LedgerExplorer.Core.Audit;

namespace LedgerExplorer.App.Features.Audit;

/// <summary>An audit answer as sentences a person would say to a customer.</summary>
public static class AuditSentences
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture; // English month names; the app runs with invariant globalization

    public static IReadOnlyList<string> For(PlanAuditAnswer answer)
    {
        var day = answer.Date.ToString("d MMMM yyyy", English);
        if (answer.Changes.Count > 0)
        {
            return answer.Changes
                .Select(c => $"On {day} at {c.OccurredAt.UtcDateTime.ToString("HH:mm", English)} UTC, {c.Actor} changed the plan from {c.PriorPlan} to {c.NewPlan}."
                             + (c.RecordedLater ? $" The ledger recorded it on {c.RecordedAt.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm", English)} UTC." : ""))
                .ToList();
        }

        return answer.PlanInForce is { } plan
            ? [$"On {day} nobody changed the plan; it was {plan} at the end of that day."]
            : [$"On {day} the account had not been opened yet."];
    }
}
