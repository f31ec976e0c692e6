using Bunit;
using LedgerExplorer.App.Features.Walkthrough;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Walkthrough;

public sealed class WalkthroughPageTests : LedgerBunitContext
{
    public WalkthroughPageTests() => RenderPopoverProvider();

    [Fact]
    public void The_page_lists_every_demonstration_in_order_none_run_and_the_presenter_switch_enlarges_the_type()
    {
        var cut = Render<WalkthroughPage>();

        var steps = cut.FindAll(".walkthrough-step");
        Assert.Equal(Demonstrations.All.Select(d => $"step-{d.Id}"), steps.Select(s => s.GetAttribute("data-testid")));
        Assert.All(steps, s => Assert.Equal("idle", s.GetAttribute("data-status")));
        Assert.StartsWith($"0 of {Demonstrations.All.Count} passed", cut.Find("[data-testid=walkthrough-progress]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("presenter", cut.Find("[data-testid=walkthrough]").ClassName ?? "", StringComparison.Ordinal);

        cut.Find("input[data-testid=presenter]").Change(true);

        Assert.Contains("presenter", cut.Find("[data-testid=walkthrough]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Doing_a_step_runs_it_and_the_progress_counts_it()
    {
        var cut = Render<WalkthroughPage>();

        cut.Find("[data-testid=step-temporal] button[data-testid=step-run]").Click();

        cut.WaitForAssertion(() => Assert.Equal("passed", cut.Find("[data-testid=step-temporal] [data-testid=step-status]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.StartsWith($"1 of {Demonstrations.All.Count} passed", cut.Find("[data-testid=walkthrough-progress]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("150.00", cut.Find("[data-testid=step-temporal] [data-testid=step-evidence]").TextContent, StringComparison.Ordinal);
    }
}
