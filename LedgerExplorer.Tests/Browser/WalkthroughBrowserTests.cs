using LedgerExplorer.App.Features.Walkthrough;
using LedgerExplorer.Tests.Support;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class WalkthroughBrowserTests(BrowserFixture browser)
{
    /// <summary>The steps whose screenshots docs/WALKTHROUGH.md shows.</summary>
    private static readonly HashSet<string> Pictured = ["concurrency", "rebuild", "temporal", "snapshots", "upcaster", "crypto-shredding", "read-your-own-writes", "projector-lag", "second-backend", "audit", "idempotency", "second-projection", "integrity", "bitemporal"];

    [Fact]
    public async Task A_class_walks_the_whole_walkthrough_clicking_every_do_it_in_order_and_every_step_passes()
    {
        var page = await browser.OpenAsync("/", width: 1280, height: 720); // a projector's resolution
        await Assertions.Expect(page.Locator("[data-testid=walkthrough-progress]")).ToContainTextAsync($"0 of {Demonstrations.All.Count} passed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("walkthrough.png") });

        foreach (var demonstration in Demonstrations.All)
        {
            var step = page.Locator($"[data-testid=step-{demonstration.Id}]");
            await step.Locator("[data-testid=step-run]").ClickAsync();
            await Assertions.Expect(step.Locator("[data-testid=step-status]")).ToHaveTextAsync("passed", new() { Timeout = 60_000 });
            await Assertions.Expect(step.Locator("[data-testid=step-evidence]")).ToBeVisibleAsync();
            if (Pictured.Contains(demonstration.Id))
                await step.ScreenshotAsync(new LocatorScreenshotOptions { Path = RepositoryPaths.Screenshot($"walkthrough-{demonstration.Id}.png") });
        }

        await Assertions.Expect(page.Locator("[data-testid=walkthrough-progress]")).ToContainTextAsync($"{Demonstrations.All.Count} of {Demonstrations.All.Count} passed");
        await Assertions.Expect(page.Locator("[data-testid=step-concurrency] [data-testid=step-evidence]")).ToContainTextAsync("ConcurrencyException");
        await Assertions.Expect(page.Locator("[data-testid=step-crypto-shredding] [data-testid=step-evidence]")).ToContainTextAsync("identical before and after");
        await Assertions.Expect(page.Locator("[data-testid=step-projector-lag] [data-testid=step-chart] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=step-integrity] [data-testid=step-evidence]")).ToContainTextAsync("no longer holds");
        await Assertions.Expect(page.Locator("[data-testid=step-bitemporal] [data-testid=step-evidence]")).ToContainTextAsync("as known when the statement went out 70.00");

        await page.Locator("input[data-testid=presenter]").CheckAsync();
        await Assertions.Expect(page.Locator("[data-testid=walkthrough]")).ToHaveClassAsync("presenter");
        await page.Locator("[data-testid=step-rebuild]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("walkthrough-presenter.png") });
    }
}
