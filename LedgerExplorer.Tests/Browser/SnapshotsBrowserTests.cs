using LedgerExplorer.Tests.Support;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SnapshotsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_benchmark_shows_a_speed_up_and_every_demo_snapshot_agrees_with_its_events()
    {
        var page = await browser.OpenAsync("/snapshots", height: 1000);

        await page.ClickAsync("[data-testid=run-benchmark]");
        await Assertions.Expect(page.Locator("[data-testid=benchmark-row]")).ToContainTextAsync("10,000", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=benchmark-row]")).ToContainTextAsync("yes");

        await page.Locator("[data-testid=snapshot-list] div.mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Ada Lovelace" }).ClickAsync(); // a named account: another browser test may have forgotten one
        await page.ClickAsync("[data-testid=verify-drift]");
        var drift = page.Locator("[data-testid=drift-status]");
        await Assertions.Expect(drift.First).ToHaveTextAsync("yes");
        Assert.All(await drift.AllTextContentsAsync(), status => Assert.Equal("yes", status));
        await page.Locator("[data-testid=benchmark-chart] .main-svg").First.WaitForAsync(new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("snapshots.png") });
    }
}
