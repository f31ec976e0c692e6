using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Projections.Balances;

/// <summary>One account in the balances read model. <see cref="UpdatedAt"/> is the recorded-at of the last event applied — never the wall clock, so a rebuild writes the same bytes.</summary>
public sealed record BalanceRow(
    string AccountId,
    string Owner,
    Plan Plan,
    string Currency,
    decimal Balance,
    AccountStatus Status,
    long Version,
    long Position,
    DateTimeOffset UpdatedAt) : IReadModelRow
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => AccountId;

    public AccountState ToState() => Status == AccountStatus.Closed
        ? new AccountState.Closed(Owner, Plan, Currency)
        : new AccountState.Active(Owner, Plan, Currency, Balance);
}
