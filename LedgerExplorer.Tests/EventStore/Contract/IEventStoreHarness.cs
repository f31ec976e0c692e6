using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Demo;

namespace LedgerExplorer.Tests.EventStore.Contract;

/// <summary>What a backend supplies to join the store contract: a fresh, empty log, and more store instances on it.</summary>
public interface IEventStoreHarness : IAsyncDisposable
{
    /// <summary>The clock every store of this harness stamps recorded-at from (starts at <see cref="Support.TestEvents.T0"/>; it may be set back, as NTP may).</summary>
    SteppedClock Clock { get; }

    /// <summary>A store on a fresh, empty log.</summary>
    IEventStore Store { get; }

    /// <summary>Another, independent store instance on the same log (its own connections), as a second process would have.</summary>
    Task<IEventStore> OpenAnotherStoreAsync();
}
