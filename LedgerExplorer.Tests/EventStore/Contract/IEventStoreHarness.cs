using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Tests.EventStore.Contract;

/// <summary>What a backend supplies to join the store contract: a fresh, empty log, and more store instances on it.</summary>
public interface IEventStoreHarness : IAsyncDisposable
{
    /// <summary>A store on a fresh, empty log.</summary>
    IEventStore Store { get; }

    /// <summary>Another, independent store instance on the same log (its own connections), as a second process would have.</summary>
    Task<IEventStore> OpenAnotherStoreAsync();
}
