namespace LedgerExplorer.Tests.Architecture.Violations.EventStore;

/// <summary>A "store" that knows the domain (and so forms a cycle with <see cref="Application.Handler"/>) and uses ASP.NET.</summary>
internal sealed class KnowingStore
{
    public Domain.LeakyDecider? Decider { get; init; }

    public Application.Handler? Handler { get; init; }

    public Microsoft.AspNetCore.Http.IResult? Answer { get; init; }
}
