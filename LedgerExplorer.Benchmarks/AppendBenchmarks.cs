using BenchmarkDotNet.Attributes;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Benchmarks;

/// <summary>Durable appends (synchronous=FULL): the store against the raw INSERT loop, per batch size.</summary>
[MemoryDiagnoser]
public class AppendBenchmarks
{
    private BenchLedger _ledger = default!;
    private BenchLedger _rawLedger = default!; // its own file: raw rows have no chain link, and the store will not chain onto them
    private RawSqliteAppender _raw = default!;
    private long _storeVersion;
    private long _rawVersion;

    [Params(1, 100, 1000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ledger = new BenchLedger();
        _rawLedger = new BenchLedger();
        _raw = new RawSqliteAppender(_rawLedger.Database);
    }

    [Benchmark(Baseline = true, Description = "raw Microsoft.Data.Sqlite INSERT loop")]
    public void Raw()
    {
        _raw.Append("account-raw", _rawVersion, BenchLedger.Deposits(BatchSize));
        _rawVersion += BatchSize;
    }

    [Benchmark(Description = "SqliteEventStore.AppendAsync")]
    public async Task Store()
    {
        var result = await _ledger.Store.AppendAsync("account-store", ExpectedVersion.Exactly(_storeVersion), BenchLedger.Deposits(BatchSize));
        _storeVersion = result.NextVersion;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _raw.Dispose();
        await _ledger.DisposeAsync();
        await _rawLedger.DisposeAsync();
    }
}
