namespace LedgerExplorer.Core.Domain;

/// <summary>A fact about one account. Events are immutable and named in the past tense.</summary>
public interface IAccountEvent;

/// <summary>The owner's name is personal data: in the log it is stored encrypted under the account's own key (see Privacy).</summary>
public sealed record AccountOpened(string OwnerName, Plan Plan, string Currency) : IAccountEvent;

public sealed record MoneyDeposited(decimal Amount, string? Reference) : IAccountEvent;

public sealed record MoneyWithdrawn(decimal Amount, string? Reference) : IAccountEvent;

/// <summary>Carries only the new plan: the prior plan is whatever the fold says it was.</summary>
public sealed record PlanChanged(Plan NewPlan) : IAccountEvent;

public sealed record AccountClosed : IAccountEvent;

/// <summary>The owner asked to be forgotten. Carries no personal data; after it, the fold shows the owner as erased.</summary>
public sealed record OwnerForgotten : IAccountEvent;

/// <summary>
/// An earlier deposit or withdrawal (<see cref="EventId"/>) is cancelled: the balance moves by <see cref="BalanceChange"/>
/// (minus a reversed deposit's amount, plus a reversed withdrawal's). It takes the reversed event's business time —
/// the posting should never have happened — and, like every event, its own recorded-at.
/// </summary>
public sealed record TransactionReversed(Guid EventId, decimal BalanceChange) : IAccountEvent;

/// <summary>The month's statement ("yyyy-MM") went out: the statement "as issued" is the month as the ledger knew it at this event's recorded-at.</summary>
public sealed record StatementIssued(string Month) : IAccountEvent;

/// <summary>What an event does to the balance: a deposit adds, a withdrawal takes, a reversal undoes; the rest leave it.</summary>
public static class BalanceChange
{
    public static decimal Of(IAccountEvent @event) => @event switch
    {
        MoneyDeposited deposited => deposited.Amount,
        MoneyWithdrawn withdrawn => -withdrawn.Amount,
        TransactionReversed reversed => reversed.BalanceChange,
        _ => 0m,
    };
}
