using System.Diagnostics;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Core.Snapshots;

public sealed record SnapshotBenchmarkProgress(string Phase, long Done, long Total);

public sealed record SnapshotBenchmarkResult(long Events, double FullReplayMs, double SnapshotLoadMs, long SnapshotVersion, bool SameState)
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
    private const int BatchSize = 2_000;

    /// <summary>Runs in <paramref name="sandboxDirectory"/>, which it creates and deletes again, whatever happens.</summary>
    public static async Task<SnapshotBenchmarkResult> RunAsync(int events, int snapshotEvery, string sandboxDirectory,
        IProgress<SnapshotBenchmarkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(sandboxDirectory);
        var ledger = new SqliteLedgerDatabase(Path.Combine(sandboxDirectory, "ledger.db"));
        var derived = new ReadModelDatabase(Path.Combine(sandboxDirectory, "derived.db"));
        var keys = new Privacy.SqliteKeyStore(Path.Combine(sandboxDirectory, "keys.db"));
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

    private static async Task<SnapshotBenchmarkResult> MeasureAsync(IEventStore store, Privacy.IPersonalDataVault keys, AccountSnapshots snapshots, int events, int snapshotEvery,
        IProgress<SnapshotBenchmarkProgress>? progress, CancellationToken cancellationToken)
    {
        var id = AccountId.Parse("benchmark-stream");

        await BuildStreamAsync(store, keys, snapshots, id, events, snapshotEvery, progress, cancellationToken);

        progress?.Report(new SnapshotBenchmarkProgress("loading from the newest snapshot", 0, 1));
        var withSnapshots = new AccountLoader(store, keys, snapshots);
        await withSnapshots.LoadAsync(id, cancellationToken: cancellationToken); // warm the path once
        var clock = Stopwatch.StartNew();
        var fromSnapshot = await withSnapshots.LoadAsync(id, cancellationToken: cancellationToken);
        var snapshotMs = clock.Elapsed.TotalMilliseconds;

        progress?.Report(new SnapshotBenchmarkProgress("full replay", 0, 1));
        clock.Restart();
        var replayed = await new AccountLoader(store, keys).LoadAsync(id, cancellationToken: cancellationToken);
        var replayMs = clock.Elapsed.TotalMilliseconds;

        var newest = snapshots.Store.Candidates(id.StreamId, limit: 1);
        progress?.Report(new SnapshotBenchmarkProgress("done", 1, 1));
        return new SnapshotBenchmarkResult(events, replayMs, snapshotMs, newest.Count > 0 ? newest[0].Version : 0, replayed == fromSnapshot);
    }

    internal static async Task BuildStreamAsync(IEventStore store, Privacy.IPersonalDataVault keys, AccountSnapshots snapshots, AccountId id, int events, int snapshotEvery,
        IProgress<SnapshotBenchmarkProgress>? progress, CancellationToken cancellationToken)
    {
        var state = AccountDecider.Initial;
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long version = 0;
        while (version < events)
        {
            var count = (int)Math.Min(BatchSize, events - version);
            var batch = new List<EventData>(count);
            var taken = new List<(long Version, AccountState State, int Index, DateTimeOffset At)>();
            for (var i = 0; i < count; i++)
            {
                IAccountEvent e = version + i == 0
                    ? new AccountOpened("Benchmark Owner", Plan.Premium, "EUR")
                    : (version + i) % 3 == 0 ? new MoneyWithdrawn(1.25m, null) : new MoneyDeposited(2.50m, null);
                state = AccountDecider.Evolve(state, e);
                at = at.AddMilliseconds(10);
                batch.Add(EventCodec.Encode(e, new EventMetadata(Guid.CreateVersion7(), "benchmark", Guid.Empty, Guid.Empty, at), id.Value, keys));
                if (snapshotEvery > 0 && (version + i + 1) % snapshotEvery == 0) taken.Add((version + i + 1, state, i, at));
            }

            var appended = await store.AppendAsync(id.StreamId, ExpectedVersion.Exactly(version), batch, cancellationToken);
            // Positions within one append are consecutive here: the sandbox has a single writer.
            var firstPosition = appended.LastPosition - count + 1;
            snapshots.Store.SaveMany(taken.Select(t => AccountSnapshots.Take(id.StreamId, t.State, t.Version, firstPosition + t.Index, t.At)).ToList());
            version = appended.NextVersion;
            progress?.Report(new SnapshotBenchmarkProgress("writing the stream", version, events));
        }
    }
}
