using Bunit;
using LedgerExplorer.App.Features.Projector;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Projector;

public sealed class ProjectorStatusPanelTests : LedgerBunitContext
{
    private static readonly ProjectorLiveness Alive = new(ProjectorRunState.Running, 4242, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(ProjectorRunState.Running, 0, false, "running")]
    [InlineData(ProjectorRunState.Running, 7, false, "catching up")]
    [InlineData(ProjectorRunState.Paused, 7, false, "paused")]
    [InlineData(ProjectorRunState.Stopped, 0, false, "stopped")]
    [InlineData(ProjectorRunState.Running, 0, true, "error")]
    public void The_state_reads_from_the_heartbeat_and_the_projections(ProjectorRunState run, long behind, bool failed, string expected)
    {
        var state = State(Alive with { State = run }, behind, failed);

        var cut = Render<ProjectorStatusPanel>(p => p.Add(x => x.State, state));

        Assert.Equal(expected, cut.Find("[data-testid=projector-state]").TextContent.Trim());
        Assert.Contains($"{behind} events", cut.Find("[data-testid=projector-lag]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_child_that_keeps_failing_is_shown_with_why_and_when_the_app_tries_again()
    {
        var next = new DateTimeOffset(2026, 12, 1, 9, 30, 15, TimeSpan.Zero);
        var state = State(Alive with { State = ProjectorRunState.Stopped }, 0, false) with
        {
            Supervision = new ProjectorSupervision(3, "process 77 exited with code 1", next),
        };

        var cut = Render<ProjectorStatusPanel>(p => p.Add(x => x.State, state));

        var text = cut.Find("[data-testid=projector-supervision]").TextContent;
        Assert.Contains("failed 3 times in a row", text, StringComparison.Ordinal);
        Assert.Contains("exited with code 1", text, StringComparison.Ordinal);
        Assert.Contains("09:30:15", text, StringComparison.Ordinal);
        Assert.Empty(Render<ProjectorStatusPanel>(p => p.Add(x => x.State, State(Alive, 0, false))).FindAll("[data-testid=projector-supervision]"));
    }

    [Fact]
    public void Pause_and_resume_call_back_and_a_projector_run_by_hand_offers_neither()
    {
        var paused = 0;
        var resumed = 0;
        var cut = Render<ProjectorStatusPanel>(p => p.Add(x => x.State, State(Alive, 0, false)).Add(x => x.OnPause, () => paused++));
        cut.Find("button[data-testid=projector-pause]").Click();
        Assert.Equal(1, paused);
        Assert.Contains("pid 4242", cut.Find("[data-testid=projector-pid]").TextContent, StringComparison.Ordinal);

        cut = Render<ProjectorStatusPanel>(p => p.Add(x => x.State, State(Alive with { State = ProjectorRunState.Paused }, 0, false)).Add(x => x.OnResume, () => resumed++));
        cut.Find("button[data-testid=projector-resume]").Click();
        Assert.Equal(1, resumed);

        cut = Render<ProjectorStatusPanel>(p => p.Add(x => x.State, State(Alive, 0, false) with { Mode = ProjectorMode.External, Controllable = false }));
        Assert.Empty(cut.FindAll("button"));
        Assert.Contains("started by hand", cut.Find("[data-testid=projector-mode]").TextContent, StringComparison.Ordinal);
    }

    private static ProjectorState State(ProjectorLiveness liveness, long behind, bool failed) => new(
        ProjectorMode.Child,
        liveness,
        [new ProjectionStatus("balances", 100 - behind, 100, behind * 1.5, failed ? new ProjectionError(50, "boom", DateTimeOffset.UnixEpoch) : null)],
        Controllable: true);
}
