using LedgerExplorer.App.Features.Snapshots;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Tests.Features.Snapshots;

public sealed class SnapshotBenchmarkTests
{
    [Fact]
    [Trait("Proof", "Snapshot")]
    public async Task The_benchmark_builds_the_stream_in_its_sandbox_and_the_snapshot_load_reads_only_the_tail()
    {
        var sandbox = Path.Combine(Path.GetTempPath(), "ledger-tests", Guid.NewGuid().ToString("N"));
        var phases = new List<string>();

        // 10,099 events, a snapshot every 100: the newest is at 10,000 and 99 events follow it (the longest tail there can be).
        var result = await SnapshotBenchmark.RunAsync(10_099, 100, sandbox, new SyncProgress(p => phases.Add(p.Phase)));

        Assert.False(Directory.Exists(sandbox), "the benchmark deletes its sandbox");
        Assert.Equal(10_099, result.Events);
        Assert.Equal(10_000, result.SnapshotVersion);
        Assert.True(result.SameState);
        // The bound itself, not a timing: the replay read every event, the snapshot load only the tail after it.
        Assert.Equal(10_099, result.ReplayEventsRead);
        Assert.Equal(99, result.SnapshotEventsRead);
        Assert.Contains("writing the stream", phases);
        Assert.Equal("done", phases[^1]);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and race the assertions).</summary>
    private sealed class SyncProgress(Action<SnapshotBenchmarkProgress> report) : IProgress<SnapshotBenchmarkProgress>
    {
        public void Report(SnapshotBenchmarkProgress value) => report(value);
    }
}
