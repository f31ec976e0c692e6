using LedgerExplorer.Tests.Support;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ProjectionsBrowserTests(BrowserFixture browser)
{
    [Fact]
    [Trait("Proof", "Rebuild")]
    public async Task Pressing_rebuild_shows_two_equal_hashes()
    {
        var page = await browser.OpenAsync("/projections", height: 1100);
        var balances = page.Locator("[data-testid=projection-balances]");
        await Assertions.Expect(balances.Locator("[data-testid=state]")).ToHaveTextAsync("caught up");

        await balances.Locator("[data-testid=rebuild]").ClickAsync();

        await Assertions.Expect(balances.Locator("[data-testid=hash-verdict]")).ToContainTextAsync("identical");
        var before = await balances.Locator("[data-testid=hash-before]").TextContentAsync();
        var after = await balances.Locator("[data-testid=hash-after]").TextContentAsync();
        Assert.Equal(64, before?.Length);
        Assert.Equal(before, after);

        await balances.Locator("[data-testid=redeliver]").ClickAsync();
        await Assertions.Expect(balances.Locator("[data-testid=redelivery-result]")).ToContainTextAsync("at or below the checkpoint");

        await page.Locator("[data-testid=statement-account-field] div.mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Ada Lovelace" }).ClickAsync(); // a named account: another browser test may have forgotten one
        await Assertions.Expect(page.Locator("[data-testid=statement-row]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("projections.png"), FullPage = true });
    }
}
