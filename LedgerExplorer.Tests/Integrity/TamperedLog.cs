using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Integrity;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Tests.Support;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Tests.Integrity;

/// <summary>
/// A copy of a real log — the seeded demo ledger, with its v1 events, plan changes, closes and forgets — that a test
/// may tamper with as someone holding the file would: drop the append-only triggers, edit with plain SQL, put the
/// triggers back.
/// </summary>
public sealed class TamperedLog : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> Template = new(SeedTemplateAsync);
    private readonly TempDirectory _copy;
    private SqliteEventStore _store;

    private TamperedLog(TempDirectory copy)
    {
        _copy = copy;
        Database = new SqliteLedgerDatabase(copy.File("ledger.db"));
        _store = new SqliteEventStore(Database);
    }

    public SqliteLedgerDatabase Database { get; }

    public IEventStore Store => _store;

    public IEventChain Chain => _store;

    public LedgerIntegrity Integrity => new(_store, _store, TimeProvider.System);

    public static async Task<TamperedLog> CopyAsync()
    {
        var template = await Template.Value;
        var copy = new TempDirectory();
        File.Copy(template, copy.File("ledger.db"));
        return new TamperedLog(copy);
    }

    public async Task<long> HeadAsync() => await _store.ReadHeadPositionAsync();

    public async Task<StoredEvent> RowAsync(long position) => (await _store.ReadAllAsync(position, 1)).Single();

    /// <summary>Runs <paramref name="sql"/> with the append-only triggers dropped, then puts them back as they were.</summary>
    public void Tamper(string sql, params (string Name, object Value)[] parameters)
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult(); // the writer's connection closed, as a person with the file would find it
        using var connection = new SqliteConnection($"Data Source={Database.Path};Pooling=False");
        connection.Open();
        var triggers = new List<string>();
        using (var find = connection.CreateCommand())
        {
            find.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'trigger'";
            using var reader = find.ExecuteReader();
            while (reader.Read()) triggers.Add(reader.GetString(0));
        }

        Exec(connection, "DROP TRIGGER events_reject_update; DROP TRIGGER events_reject_delete; DROP TRIGGER event_hashes_reject_update; DROP TRIGGER event_hashes_reject_delete;");
        using (var edit = connection.CreateCommand())
        {
            edit.CommandText = sql;
            foreach (var (name, value) in parameters) edit.Parameters.AddWithValue(name, value);
            edit.ExecuteNonQuery();
        }

        foreach (var trigger in triggers) Exec(connection, trigger);
        Database.ReleaseConnections();
        _store = new SqliteEventStore(Database); // the ledger opened again on the edited file
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Database.ReleaseConnections();
        _copy.Dispose();
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<string> SeedTemplateAsync()
    {
        var directory = new TempDirectory(); // lives for the test run
        var database = new SqliteLedgerDatabase(Path.Combine(directory.Path, "ledger.db"));
        database.Migrate();
        await using (var store = new SqliteEventStore(database))
        {
            await DemoLedger.SeedAsync(store, new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), new SqliteKeyStore(Path.Combine(directory.Path, "keys.db")));
        }

        using (var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        database.ReleaseConnections();
        return database.Path;
    }
}
