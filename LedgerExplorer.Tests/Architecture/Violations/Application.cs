namespace LedgerExplorer.Tests.Architecture.Violations.Application;

internal sealed class Handler
{
    public EventStore.KnowingStore? Store { get; init; }
}
