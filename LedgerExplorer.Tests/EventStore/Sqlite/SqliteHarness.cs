using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Tests.EventStore.Contract;
using LedgerExplorer.Tests.Support;
using LedgerExplorer.Core.Demo;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

/// <summary>A fresh SQLite log in a temp directory, migrated exactly as the App migrates it.</summary>
public sealed class SqliteHarness : IEventStoreHarness
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteEventStore> _stores = [];

    private SqliteHarness()
    {
        Database = new SqliteLedgerDatabase(_directory.File("ledger.db"));
        Database.Migrate();
        Keys = new SqliteKeyStore(_directory.File("keys.db"));
        Store = Open();
    }

    public SqliteLedgerDatabase Database { get; }

    public IEventStore Store { get; }

    public SteppedClock Clock { get; } = new(TestEvents.T0);

    /// <summary>The personal-data key store, in its own file beside the log (as in the App).</summary>
    public SqliteKeyStore Keys { get; }

    public string Directory => _directory.Path;

    public static Task<IEventStoreHarness> CreateAsync() => Task.FromResult<IEventStoreHarness>(new SqliteHarness());

    public static SqliteHarness Create() => new();

    public Task<IEventStore> OpenAnotherStoreAsync() => Task.FromResult<IEventStore>(Open());

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        _directory.Dispose();
    }

    private SqliteEventStore Open()
    {
        var store = new SqliteEventStore(Database, Clock);
        _stores.Add(store);
        return store;
    }
}
