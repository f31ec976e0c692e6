using LedgerExplorer.Core.Application;

namespace LedgerExplorer.Core.Privacy;

/// <summary>What forgetting an owner did. A second forget finds no key to destroy and appends nothing.</summary>
public sealed record ForgetResult(CommandResult Result, bool KeyDestroyed, int SnapshotsPurged)
{
    public bool AlreadyForgotten => !KeyDestroyed;
}
