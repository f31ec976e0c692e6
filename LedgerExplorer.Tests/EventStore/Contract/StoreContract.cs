using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Tests.EventStore.Contract;

/// <summary>The base of every contract class: one fresh log per test, from the backend's harness.</summary>
public abstract class StoreContract : IAsyncLifetime
{
    private IEventStoreHarness? _harness;

    protected IEventStoreHarness Harness => _harness ?? throw new InvalidOperationException("Not initialized.");

    protected IEventStore Store => Harness.Store;

    /// <summary>The one line a backend writes to join the contract.</summary>
    protected abstract Task<IEventStoreHarness> CreateHarnessAsync();

    public async ValueTask InitializeAsync() => _harness = await CreateHarnessAsync();

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null) await _harness.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
