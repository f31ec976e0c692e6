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
