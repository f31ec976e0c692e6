using Bunit;
using LedgerExplorer.App.Features.Snapshots;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Snapshots;

public sealed class SnapshotBenchmarkPanelTests : LedgerBunitContext
{
    public SnapshotBenchmarkPanelTests() => RenderPopoverProvider();

    [Fact]
    public void Running_shows_progress_then_the_timings_and_the_speed_up()
    {
        var release = new TaskCompletionSource();
        IProgress<SnapshotBenchmarkProgress>? reporter = null;
        var cut = Render<SnapshotBenchmarkPanel>(p => p.Add(x => x.Run, async (events, progress) =>
        {
            reporter = progress;
            await release.Task;
            return new SnapshotBenchmarkResult(events, FullReplayMs: 25.0, SnapshotLoadMs: 0.125, SnapshotVersion: 10_000, SameState: true);
        }));

        cut.Find("button[data-testid=run-benchmark]").Click();
        reporter!.Report(new SnapshotBenchmarkProgress("writing the stream", 5_000, 10_000));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("5,000 of 10,000", cut.Find("[data-testid=benchmark-phase]").TextContent, StringComparison.Ordinal);
            Assert.NotEmpty(cut.FindAll("[data-testid=benchmark-progress]"));
        });

        release.SetResult();

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("[data-testid=benchmark-row]").TextContent;
            Assert.Contains("10,000", row, StringComparison.Ordinal);
            Assert.Contains("25.0 ms", row, StringComparison.Ordinal);
            Assert.Contains("0.125 ms", row, StringComparison.Ordinal);
            Assert.Equal("200×", cut.Find("[data-testid=speedup]").TextContent);
        });
        Assert.Empty(cut.FindAll("[data-testid=benchmark-progress]"));
        var chart = cut.FindComponent<LedgerExplorer.App.Features.Charts.LedgerChart>();
        Assert.Equal(2, chart.Instance.Traces.Count);
    }

    [Fact]
    public void The_chosen_length_is_what_runs()
    {
        var asked = 0;
        var cut = Render<SnapshotBenchmarkPanel>(p => p.Add(x => x.Run, (events, _) =>
        {
            asked = events;
            return Task.FromResult(new SnapshotBenchmarkResult(events, 1, 1, 0, true));
        }));

        cut.Find("div.mud-input-control").MouseDown();
        PopoverProvider.WaitForElement(".mud-popover-open").QuerySelectorAll(".mud-list-item")[1].Click();
        cut.Find("button[data-testid=run-benchmark]").Click();

        cut.WaitForAssertion(() => Assert.Equal(100_000, asked));
    }
}
