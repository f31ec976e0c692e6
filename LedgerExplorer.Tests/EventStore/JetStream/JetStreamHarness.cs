using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Tests.EventStore.Contract;
using LedgerExplorer.Tests.Support;
using LedgerExplorer.Core.Demo;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>A fresh, empty ledger stream (its own name and subjects) on the test run's nats-server.</summary>
public sealed class JetStreamHarness : IEventStoreHarness
{
    private readonly List<JetStreamEventStore> _stores = [];

    private JetStreamHarness(JetStreamOptions options)
    {
        Options = options;
        Store = Open();
    }

    public JetStreamOptions Options { get; }

    public IEventStore Store { get; }

    public SteppedClock Clock { get; } = new(TestEvents.T0);

    public static async Task<IEventStoreHarness> CreateAsync() => await CreateTypedAsync();

    public static async Task<JetStreamHarness> CreateTypedAsync()
    {
        var server = await NatsServer.Shared;
        var name = $"T{Guid.NewGuid():N}";
        return new JetStreamHarness(new JetStreamOptions { Url = server.Url, Stream = name, SubjectPrefix = name.ToLowerInvariant() });
    }

    /// <summary>The same, on the test run's three-node cluster, the stream replicated on all three (R3).</summary>
    public static async Task<IEventStoreHarness> CreateOnClusterAsync()
    {
        var cluster = await NatsCluster.Shared;
        var name = $"C{Guid.NewGuid():N}";
        return new JetStreamHarness(new JetStreamOptions { Url = cluster.Url, Stream = name, SubjectPrefix = name.ToLowerInvariant(), Replicas = 3 });
    }

    public Task<IEventStore> OpenAnotherStoreAsync() => Task.FromResult<IEventStore>(Open());

    public async ValueTask DisposeAsync()
    {
        await ((JetStreamEventStore)Store).DeleteStreamAsync();
        foreach (var store in _stores) await store.DisposeAsync();
    }

    private JetStreamEventStore Open()
    {
        var store = new JetStreamEventStore(new JetStreamOptions { Url = Options.Url, Stream = Options.Stream, SubjectPrefix = Options.SubjectPrefix, Replicas = Options.Replicas }, Clock);
        _stores.Add(store);
        return store;
    }
}
