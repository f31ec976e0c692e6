using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Benchmarks;

/// <summary>A fresh event log in a temp directory, migrated exactly as the App does it, plus ready-made events.</summary>
internal sealed class BenchLedger : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ledger-bench", Guid.NewGuid().ToString("N"));

    public BenchLedger()
    {
        Database = new SqliteLedgerDatabase(Path.Combine(_directory, "ledger.db"));
        Database.Migrate();
        Store = new SqliteEventStore(Database);
    }

    public SqliteLedgerDatabase Database { get; }

    public SqliteEventStore Store { get; }

    private static long _tick;

    /// <summary>Fresh events with rising business times, as real ones arrive (the store stamps their recorded-at).</summary>
    public static EventData[] Deposits(int count)
    {
        var events = new EventData[count];
        for (var i = 0; i < count; i++)
        {
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(Interlocked.Increment(ref _tick) * 10);
            events[i] = new EventData("MoneyDeposited", 1, $$"""{"amount":{{i % 1000}}.25,"reference":"bench"}""",
                new EventMetadata(Guid.CreateVersion7(), "bench", Guid.CreateVersion7(), Guid.CreateVersion7(), at));
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
