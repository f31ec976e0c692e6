using System.Diagnostics;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.App.Features.Snapshots;

public sealed record SnapshotBenchmarkProgress(string Phase, long Done, long Total);

/// <param name="ReplayEventsRead">Events the full replay read from the log (all of them).</param>
/// <param name="SnapshotEventsRead">Events the load from the newest snapshot read: only those after it — what bounds its time, whatever the clock says.</param>
public sealed record SnapshotBenchmarkResult(long Events, double FullReplayMs, double SnapshotLoadMs, long SnapshotVersion, bool SameState, long ReplayEventsRead = 0, long SnapshotEventsRead = 0)
{
    public double Speedup => SnapshotLoadMs > 0 ? FullReplayMs / SnapshotLoadMs : 0;

    public double ReplayEventsPerSecond => FullReplayMs > 0 ? Events / (FullReplayMs / 1000) : 0;
}

/// <summary>
/// Builds one long account stream in a sandbox ledger of its own (never the demo ledger), with a snapshot every N
/// events, then times loading it by full replay and from its newest snapshot — and checks both give the same state.
/// </summary>
public static class SnapshotBenchmark
{
    /// <summary>Runs in <paramref name="sandboxDirectory"/>, which it creates and deletes again, whatever happens.</summary>
    public static async Task<SnapshotBenchmarkResult> RunAsync(int events, int snapshotEvery, string sandboxDirectory,
        IProgress<SnapshotBenchmarkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(sandboxDirectory);
        var ledger = new SqliteLedgerDatabase(Path.Combine(sandboxDirectory, "ledger.db"));
        var derived = new ReadModelDatabase(Path.Combine(sandboxDirectory, "derived.db"));
        var keys = new Core.Privacy.SqliteKeyStore(Path.Combine(sandboxDirectory, "keys.db"));
        try
        {
            ledger.Migrate();
            derived.Migrate();
            await using var store = new SqliteEventStore(ledger);
            var snapshots = new AccountSnapshots(new SnapshotStore(derived), new SnapshotOptions(snapshotEvery));
            return await MeasureAsync(store, keys, snapshots, events, snapshotEvery, progress, cancellationToken);
        }
        finally
        {
            // Only the sandbox's own pooled connections: the App's stay open.
            ledger.ReleaseConnections();
            derived.ReleaseConnections();
            keys.ReleaseConnections();
            Directory.Delete(sandboxDirectory, recursive: true);
        }
    }

    private static async Task<SnapshotBenchmarkResult> MeasureAsync(IEventStore store, Core.Privacy.IPersonalDataVault keys, AccountSnapshots snapshots, int events, int snapshotEvery,
        IProgress<SnapshotBenchmarkProgress>? progress, CancellationToken cancellationToken)
    {
        var id = AccountId.Parse("benchmark-stream");

        await GeneratedHistory.WriteLongStreamAsync(store, keys, snapshots, id, events, snapshotEvery,
            progress is null ? null : new WritingProgress(progress, events), cancellationToken);

        progress?.Report(new SnapshotBenchmarkProgress("loading from the newest snapshot", 0, 1));
        var counted = new CountingReader(store);
        var withSnapshots = new AccountLoader(counted, keys, snapshots);
        await withSnapshots.LoadAsync(id, cancellationToken: cancellationToken); // warm the path once (and check the snapshot on its first use)
        counted.Reset();
        var clock = Stopwatch.StartNew();
        var fromSnapshot = await withSnapshots.LoadAsync(id, cancellationToken: cancellationToken);
        var snapshotMs = clock.Elapsed.TotalMilliseconds;
        var snapshotRead = counted.Read;

        progress?.Report(new SnapshotBenchmarkProgress("full replay", 0, 1));
        counted.Reset();
        clock.Restart();
        var replayed = await new AccountLoader(counted, keys).LoadAsync(id, cancellationToken: cancellationToken);
        var replayMs = clock.Elapsed.TotalMilliseconds;

        var newest = snapshots.Store.Candidates(id.StreamId, limit: 1);
        progress?.Report(new SnapshotBenchmarkProgress("done", 1, 1));
        return new SnapshotBenchmarkResult(events, replayMs, snapshotMs, newest.Count > 0 ? newest[0].Version : 0, replayed == fromSnapshot, counted.Read, snapshotRead);
    }

    /// <summary>Counts the events a load reads from the log: the measure of its work that no clock can blur.</summary>
    private sealed class CountingReader(IEventStoreReader inner) : IEventStoreReader
    {
        private long _read;

        public long Read => Interlocked.Read(ref _read);

        public void Reset() => Interlocked.Exchange(ref _read, 0);

        public async IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var e in inner.ReadStreamAsync(streamId, range, cancellationToken))
            {
                Interlocked.Increment(ref _read);
                yield return e;
            }
        }

        public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
        {
            var page = await inner.ReadAllAsync(fromPosition, maxCount, cancellationToken);
            Interlocked.Add(ref _read, page.Count);
            return page;
        }

        public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => inner.ReadHeadPositionAsync(cancellationToken);
    }

    /// <summary>Relays the generator's versions as they are written (inline: <c>Progress&lt;T&gt;</c> would post them later, out of order).</summary>
    private sealed class WritingProgress(IProgress<SnapshotBenchmarkProgress> progress, long total) : IProgress<long>
    {
        public void Report(long value) => progress.Report(new SnapshotBenchmarkProgress("writing the stream", value, total));
    }
}
