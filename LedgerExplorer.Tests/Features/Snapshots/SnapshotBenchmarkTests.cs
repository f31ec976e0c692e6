using LedgerExplorer.App.Features.Snapshots;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Tests.Features.Snapshots;

public sealed class SnapshotBenchmarkTests
{
    [Fact]
    public async Task The_benchmark_builds_the_stream_in_its_sandbox_and_both_loads_agree()
    {
        var sandbox = Path.Combine(Path.GetTempPath(), "ledger-tests", Guid.NewGuid().ToString("N"));
        var phases = new List<string>();

        var result = await SnapshotBenchmark.RunAsync(10_000, 100, sandbox, new SyncProgress(p => phases.Add(p.Phase)));

        Assert.False(Directory.Exists(sandbox), "the benchmark deletes its sandbox");
        Assert.Equal(10_000, result.Events);
        Assert.Equal(10_000, result.SnapshotVersion);
        Assert.True(result.SameState);
        Assert.True(result.FullReplayMs > 0 && result.SnapshotLoadMs > 0);
        Assert.Contains("writing the stream", phases);
        Assert.Equal("done", phases[^1]);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and race the assertions).</summary>
    private sealed class SyncProgress(Action<SnapshotBenchmarkProgress> report) : IProgress<SnapshotBenchmarkProgress>
    {
        public void Report(SnapshotBenchmarkProgress value) => report(value);
    }
}
