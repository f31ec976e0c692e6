namespace LedgerExplorer.Core.Domain;

/// <summary>An account as readers see it: the folded state plus the version it reflects.</summary>
public sealed record AccountView(string AccountId, string Owner, Plan Plan, string Currency, decimal Balance, long Version, AccountStatus Status)
{
    /// <summary>The view of a folded state; null while the account has not been opened.</summary>
    public static AccountView? From(AccountId id, AccountState state, long version) => state switch
    {
        AccountState.Active a => new(id.Value, a.OwnerName, a.Plan, a.Currency, a.Balance, version, AccountStatus.Open),
        AccountState.Closed c => new(id.Value, c.OwnerName, c.Plan, c.Currency, 0m, version, AccountStatus.Closed),
        _ => null,
    };
}
