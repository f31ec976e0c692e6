using Bunit;
using LedgerExplorer.App.Features.Projector;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

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

/// <summary>
/// The Projector page after a fresh start: the demo ledger's history happened months ago (its business time), but it
/// was recorded when it was seeded — so the lag from append to commit is milliseconds, not the months since the
/// simulated dates (it read "8,027,600,123 ms" when one timestamp meant both).
/// </summary>
[Trait("Proof", "Bitemporal")]
public sealed class ProjectorLagAfterAFreshStartTests : LedgerBunitContext, IAsyncLifetime
{
    private readonly LedgerAppFactory _app = new() { SeedDemo = true };

    public async ValueTask InitializeAsync()
    {
        _ = _app.CreateClient(); // starts the App: it seeds the demo ledger and its projector applies it
        var runners = _app.Services.GetServices<IProjectionRunner>().ToList();
        await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
        {
            var statuses = await Task.WhenAll(runners.Select(r => r.GetStatusAsync()));
            return statuses.All(s => s.LagEvents == 0 && s.Head > 0 && s.LastBatch is not null) ? true : (bool?)null;
        });
    }

    [Fact]
    public async Task Every_projections_last_batch_lag_is_measured_from_when_its_events_were_recorded_not_from_when_they_happened()
    {
        var statuses = await Task.WhenAll(_app.Services.GetServices<IProjectionRunner>().Select(r => r.GetStatusAsync()));
        var liveness = new ProjectorLiveness(ProjectorRunState.Running, Environment.ProcessId, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        var cut = Render<ProjectorStatusPanel>(p => p.Add(x => x.State, new ProjectorState(ProjectorMode.InProcess, liveness, statuses, Controllable: true)));

        var lags = System.Text.RegularExpressions.Regex.Matches(cut.Markup, @"last batch \d+ events, ([\d,]+) ms from append to commit")
            .Select(m => double.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(statuses.Length, lags.Count);
        Assert.All(lags, lag => Assert.InRange(lag, 0, 60_000));
        Assert.All(statuses, s => Assert.InRange(s.LastBatch!.MaxLagMs, 0, 60_000));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
    }
}
