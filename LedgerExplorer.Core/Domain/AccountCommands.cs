namespace LedgerExplorer.Core.Domain;

/// <summary>A request to change one account. Commands may be refused; events may not.</summary>
public interface IAccountCommand;

public sealed record OpenAccount(string OwnerName, Plan Plan, string Currency) : IAccountCommand;

/// <param name="Backdated">Set for a late posting: it happened earlier than it is being recorded (and why).</param>
public sealed record Deposit(decimal Amount, string? Reference = null, Backdating? Backdated = null) : IAccountCommand;

/// <param name="Backdated">Set for a late posting: it happened earlier than it is being recorded (and why).</param>
public sealed record Withdraw(decimal Amount, string? Reference = null, Backdating? Backdated = null) : IAccountCommand;

/// <summary>A posting's business time when it is not "now": the day it happened, and why it is posted only today.</summary>
public sealed record Backdating(DateTimeOffset OccurredAt, string Reason);

/// <summary>
/// Take back an earlier deposit or withdrawal of this account, named by its event id: a new event cancels its effect
/// on the balance, as of the business time it had; the original stays in the log.
/// </summary>
public sealed record ReverseTransaction(Guid EventId, string Reason) : IAccountCommand;

/// <summary>Issue the account's statement for a month that has ended ("yyyy-MM"): records the moment the statement went out.</summary>
public sealed record IssueStatement(string Month) : IAccountCommand;

public sealed record ChangePlan(Plan NewPlan) : IAccountCommand;

public sealed record CloseAccount : IAccountCommand;

/// <summary>Erase the owner's personal data (GDPR Art. 17). Allowed on open and closed accounts; a second time changes nothing.</summary>
public sealed record ForgetOwner : IAccountCommand;
