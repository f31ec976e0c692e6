using Bunit;
using LedgerExplorer.App.Features.Charts;
using LedgerExplorer.App.Features.Walkthrough;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Walkthrough;

public sealed class DemonstrationStepTests : LedgerBunitContext
{
    private static readonly Demonstration Step = new ScriptedDemonstration("race", "Optimistic concurrency", "Two writers, one version.", "/accounts", "src/Store.cs", "Concurrency", _ => Task.CompletedTask);

    [Fact]
    public void Idle_it_explains_the_property_and_offers_to_do_it_and_clicking_asks_to_run()
    {
        var runs = 0;
        var cut = Render<DemonstrationStep>(p => p.Add(x => x.Demonstration, Step).Add(x => x.Number, 1).Add(x => x.OnRun, () => runs++));

        Assert.Equal("not yet run", cut.Find("[data-testid=step-status]").TextContent.Trim());
        Assert.Contains("Two writers, one version.", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("/accounts", cut.Find("a[data-testid=step-page]").GetAttribute("href"));
        Assert.Contains("src/Store.cs", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=step-evidence]"));
        cut.Find("button[data-testid=step-run]").Click();
        Assert.Equal(1, runs);
    }

    [Fact]
    public void Running_it_shows_progress_and_cannot_be_started_twice()
    {
        var cut = Render<DemonstrationStep>(p => p.Add(x => x.Demonstration, Step).Add(x => x.State, new StepState(StepStatus.Running)));

        Assert.Equal("running…", cut.Find("[data-testid=step-status]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=step-running]"));
        Assert.True(cut.Find("button[data-testid=step-run]").HasAttribute("disabled"));
    }

    [Fact]
    public void Passed_it_shows_what_was_done_the_evidence_and_a_chart_of_any_series()
    {
        var result = new DemonstrationResult("race", DemonstrationOutcome.Passed, "Raced two withdrawals.", [("bob", "accepted"), ("carol", "refused: ConcurrencyException")], null, [(0.0, 3.0), (0.02, 0.0)], TimeSpan.FromSeconds(1));

        var cut = Render<DemonstrationStep>(p => p.Add(x => x.Demonstration, Step).Add(x => x.State, StepState.From(result)));

        Assert.Equal("passed", cut.Find("[data-testid=step-status]").TextContent.Trim());
        Assert.Contains("Raced two withdrawals.", cut.Find("[data-testid=step-done]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.FindAll("[data-testid=step-evidence] tr").Count);
        Assert.Contains("refused: ConcurrencyException", cut.Find("[data-testid=step-evidence]").TextContent, StringComparison.Ordinal);
        Assert.Equal<object>([3.0, 0.0], cut.FindComponent<LedgerChart>().Instance.Series.Single().Y);
        Assert.Empty(cut.FindAll("[data-testid=step-reason]"));
        Assert.Contains("Do it again", cut.Find("button[data-testid=step-run]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_it_says_why_and_a_step_that_could_not_run_says_so_plainly()
    {
        var failed = new DemonstrationResult("race", DemonstrationOutcome.Failed, "Raced.", [], "Expected exactly one winner and one conflict.", [], TimeSpan.Zero);
        var cut = Render<DemonstrationStep>(p => p.Add(x => x.Demonstration, Step).Add(x => x.State, StepState.From(failed)));
        Assert.Equal("failed", cut.Find("[data-testid=step-status]").TextContent.Trim());
        Assert.Contains("Expected exactly one winner", cut.Find("[data-testid=step-reason]").TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-error", cut.Find("[data-testid=step-reason]").ClassName, StringComparison.Ordinal);

        var notRun = new DemonstrationResult("race", DemonstrationOutcome.NotRun, "Would race.", [], "Not run: no nats-server was found.", [], TimeSpan.Zero);
        cut = Render<DemonstrationStep>(p => p.Add(x => x.Demonstration, Step).Add(x => x.State, StepState.From(notRun)));
        Assert.Equal("not run", cut.Find("[data-testid=step-status]").TextContent.Trim());
        Assert.Contains("no nats-server", cut.Find("[data-testid=step-reason]").TextContent, StringComparison.Ordinal);
    }
}
