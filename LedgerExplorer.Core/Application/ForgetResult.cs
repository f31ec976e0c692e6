namespace LedgerExplorer.Core.Application;

/// <summary>
/// What forgetting an owner did. A second forget finds no key to destroy and appends nothing.
/// <see cref="StoppedProjections"/> names read models stopped at an error: they have not applied the forget
/// yet and may still show the name until they are rebuilt.
/// </summary>
public sealed record ForgetResult(CommandResult Result, bool KeyDestroyed, int SnapshotsPurged, IReadOnlyList<string> StoppedProjections)
{
    public bool AlreadyForgotten => !KeyDestroyed;
}
