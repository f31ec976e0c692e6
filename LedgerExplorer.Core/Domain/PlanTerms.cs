namespace LedgerExplorer.Core.Domain;

/// <summary>What a plan allows: how far below zero the balance may go, and its monthly fee.</summary>
public sealed record PlanTerms(Plan Plan, decimal OverdraftLimit, decimal MonthlyFee)
{
    public static PlanTerms For(Plan plan) => plan switch
    {
        Plan.Basic => new(plan, OverdraftLimit: 0m, MonthlyFee: 0m),
        Plan.Plus => new(plan, OverdraftLimit: 500m, MonthlyFee: 4.50m),
        Plan.Premium => new(plan, OverdraftLimit: 2_000m, MonthlyFee: 12.00m),
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, "Unknown plan."),
    };
}
