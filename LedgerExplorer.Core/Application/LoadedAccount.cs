using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Application;

/// <summary>An account folded from its stream: the state, the version it reflects (0 = no stream) and the position of its last event.</summary>
public sealed record LoadedAccount(AccountId Id, AccountState State, long Version, long Position)
{
    public AccountView? View => AccountView.From(Id, State, Version);
}
