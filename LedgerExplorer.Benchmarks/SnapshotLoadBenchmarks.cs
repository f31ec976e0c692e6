using LedgerExplorer.Core.Demo;
using BenchmarkDotNet.Attributes;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Snapshots;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// Loading one account stream of 10k / 100k / 1M events: by full replay (read + decode + fold every event),
/// from the newest snapshot (a snapshot every 100 events, so at most 99 tail events), and an as-of query
/// halfway through the stream with snapshots.
/// </summary>
[MemoryDiagnoser]
public class SnapshotLoadBenchmarks
{
    private static readonly AccountId Stream = AccountId.Parse("benchmark-stream");
    private string _directory = "";
    private SqliteEventStore _store = default!;
    private AccountLoader _full = default!;
    private AccountLoader _withSnapshots = default!;
    private long _middlePosition;

    [Params(10_000, 100_000, 1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ledger-bench", Guid.NewGuid().ToString("N"));
        var ledger = new SqliteLedgerDatabase(Path.Combine(_directory, "ledger.db"));
        var derived = new ReadModelDatabase(Path.Combine(_directory, "derived.db"));
        ledger.Migrate();
        derived.Migrate();
        _store = new SqliteEventStore(ledger);
        var snapshots = new AccountSnapshots(new SnapshotStore(derived), new SnapshotOptions(100));
        var keys = new Core.Privacy.SqliteKeyStore(Path.Combine(_directory, "keys.db"));
        await GeneratedHistory.WriteLongStreamAsync(_store, keys, snapshots, Stream, Events, 100);
        _full = new AccountLoader(_store, keys);
        _withSnapshots = new AccountLoader(_store, keys, snapshots);
        // Halfway, and not on a snapshot boundary, so the as-of load folds a tail.
        var middle = (await _store.ReadAllAsync(Events / 2 + 37, 1))[0];
        _middlePosition = middle.Position;
    }

    [Benchmark(Baseline = true, Description = "full replay")]
    public Task<LoadedAccount> FullReplay() => _full.LoadAsync(Stream);

    [Benchmark(Description = "newest snapshot + tail")]
    public Task<LoadedAccount> FromSnapshot() => _withSnapshots.LoadAsync(Stream);

    [Benchmark(Description = "as-of halfway, with snapshots")]
    public Task<LoadedAccount> AsOfHalfway() => _withSnapshots.LoadAsync(Stream, new StreamReadRange(UntilPosition: _middlePosition));

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
