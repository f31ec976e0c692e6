using Bunit;
using LedgerExplorer.App.Features.Charts;
using LedgerExplorer.App.Features.Load;
using LedgerExplorer.App.Features.Projector;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Projector;

public sealed class LagPanelTests : LedgerBunitContext
{
    private readonly List<LoadPlan> _started = [];

    public LagPanelTests() => RenderPopoverProvider();

    [Fact]
    public void The_burst_button_starts_a_burst_with_the_chosen_duration_and_accounts()
    {
        var cut = Render<LagPanel>(p => p.Add(x => x.StartBurst, Start));

        cut.Find("input[data-testid=burst-seconds]").Change("3");
        cut.Find("input[data-testid=burst-accounts]").Change("20");
        cut.Find("button[data-testid=burst]").Click();

        Assert.Equal(new LoadPlan(500, 3, 20), Assert.Single(_started));
    }

    [Fact]
    public void Samples_become_the_two_charts_series_and_the_progress_and_phase_show_while_it_runs()
    {
        LagSample[] samples = [Sample(0, "load", 0, 0), Sample(20, "load", 12, 11.5), Sample(40, "drain", 3, 2.0)];

        var cut = Render<LagPanel>(p => p.Add(x => x.StartBurst, Start).Add(x => x.Samples, samples).Add(x => x.IsRunning, true).Add(x => x.Fraction, 0.5));

        var charts = cut.FindComponents<LedgerChart>();
        Assert.Equal(2, charts.Count);
        Assert.Equal<object>([0L, 12L, 3L], charts[0].Instance.Series.Single().Y);
        Assert.Equal<object>([0.0, 11.5, 2.0], charts[1].Instance.Series.Single().Y);
        Assert.Equal<object>([0.0, 0.02, 0.04], charts[0].Instance.Series.Single().X);
        Assert.Contains("waiting for the projector to catch up", cut.Find("[data-testid=burst-phase]").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("button[data-testid=burst]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_finished_burst_shows_its_summary()
    {
        var summary = new LoadSummary(new LoadPlan(1000, 5), 5000, 0, 5.01, 998, new Percentiles(7, 13, 20, 25), new Percentiles(7, 13, 19, 23), 24, 14, [Sample(0, "load", 0, 0)]);

        var cut = Render<LagPanel>(p => p.Add(x => x.StartBurst, Start).Add(x => x.Summary, summary).Add(x => x.Samples, summary.Samples));

        Assert.Contains("998 commands/s", cut.Find("[data-testid=summary-rate]").TextContent, StringComparison.Ordinal);
        Assert.Equal("7 / 13 / 20 / 25", cut.Find("[data-testid=summary-lag-ms]").TextContent.Trim());
        Assert.Equal("14 ms", cut.Find("[data-testid=summary-converged]").TextContent.Trim());
    }

    [Fact]
    public void A_burst_already_running_or_a_plan_refused_by_the_runner_reads_as_a_message()
    {
        var cut = Render<LagPanel>(p => p.Add(x => x.StartBurst, _ => false));
        cut.Find("button[data-testid=burst]").Click();
        Assert.Contains("already running", cut.Find("[data-testid=burst-error]").TextContent, StringComparison.Ordinal);

        cut = Render<LagPanel>(p => p.Add(x => x.StartBurst, _ => throw new ArgumentException("The rate must be between 1 and 20000 commands per second.")));
        cut.Find("button[data-testid=burst]").Click();
        Assert.Contains("The rate must be between 1 and 20000", cut.Find("[data-testid=burst-error]").TextContent, StringComparison.Ordinal);
    }

    private bool Start(LoadPlan plan)
    {
        _started.Add(plan);
        return true;
    }

    private static LagSample Sample(double atMs, string phase, long behind, double lagMs) => new(atMs, phase, 0, 0, behind, lagMs, 0, DateTimeOffset.UnixEpoch);
}
