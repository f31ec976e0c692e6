namespace LedgerExplorer.Core.Domain;

public enum AccountStatus
{
    Open,
    Closed,
}
