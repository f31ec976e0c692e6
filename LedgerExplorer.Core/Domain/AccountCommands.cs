namespace LedgerExplorer.Core.Domain;

/// <summary>A request to change one account. Commands may be refused; events may not.</summary>
public interface IAccountCommand;

public sealed record OpenAccount(string OwnerName, Plan Plan, string Currency) : IAccountCommand;

public sealed record Deposit(decimal Amount, string? Reference = null) : IAccountCommand;

public sealed record Withdraw(decimal Amount, string? Reference = null) : IAccountCommand;

public sealed record ChangePlan(Plan NewPlan) : IAccountCommand;

public sealed record CloseAccount : IAccountCommand;

/// <summary>Erase the owner's personal data (GDPR Art. 17). Allowed on open and closed accounts; a second time changes nothing.</summary>
public sealed record ForgetOwner : IAccountCommand;
