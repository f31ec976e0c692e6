namespace LedgerExplorer.Core.Application;

public enum AccountStatus
{
    Open,
    Closed,
}
