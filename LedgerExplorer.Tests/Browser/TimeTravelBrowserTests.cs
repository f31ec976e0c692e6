using System.Globalization;
using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class TimeTravelBrowserTests(BrowserFixture browser)
{
    [Fact]
    [Trait("Proof", "TemporalQuery")]
    public async Task Dragging_the_slider_shows_balances_as_of_that_position()
    {
        // The expectation comes from the full fold of the log (LedgerReplay), not from the reads the page itself uses.
        var replay = new LedgerReplay(browser.App.Services.GetRequiredService<IEventStoreReader>(), browser.App.Services.GetRequiredService<IPersonalDataVault>());
        var now = await replay.ListAccountsAsync();
        var page = await browser.OpenAsync("/time-travel", height: 1100);
        await page.Locator("[data-testid=balances-chart] .main-svg").First.WaitForAsync(new() { Timeout = 20_000 });
        var ada = now.Single(a => a.Owner == "Ada Lovelace");

        // A position about a third of the way into the history.
        const long position = 120;
        await page.Locator("input[type=range]").FillAsync(position.ToString(CultureInfo.InvariantCulture));

        await Assertions.Expect(page.Locator("[data-testid=slider-position]")).ToHaveTextAsync("120");
        var expected = (await replay.ListAccountsAsync(upToPosition: position)).Single(a => a.AccountId == ada.AccountId);
        Assert.NotEqual(ada.Balance, expected.Balance);
        var row = page.Locator($"[data-testid=as-of-balance][data-account='{ada.AccountId}']");
        await Assertions.Expect(row).ToHaveTextAsync($"{expected.Balance.ToString("N2", CultureInfo.InvariantCulture)} {expected.Currency}");
        await Assertions.Expect(page.Locator("[data-testid=strip-row][data-folded=true]").Last).ToContainTextAsync("120");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("time-travel.png") });

        // One step back folds one event fewer.
        await page.ClickAsync("[data-testid=step-back]");
        await Assertions.Expect(page.Locator("[data-testid=slider-position]")).ToHaveTextAsync("119");
    }
}
