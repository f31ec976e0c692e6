using LedgerExplorer.Tests.Support;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ProjectorBrowserTests(BrowserFixture browser)
{
    [Fact]
    [Trait("Proof", "ProjectionLag")]
    public async Task A_burst_draws_the_lag_live_and_ends_with_the_projector_caught_up()
    {
        var page = await browser.OpenAsync("/projector", height: 1000);
        await Assertions.Expect(page.Locator("[data-testid=projector-state]")).ToHaveTextAsync("running", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=projector-mode]")).ToContainTextAsync("its own process");

        await page.FillAsync("input[data-testid=burst-seconds]", "3");
        await page.ClickAsync("[data-testid=burst]");

        await Assertions.Expect(page.Locator("[data-testid=burst-progress]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=summary-converged]")).ToContainTextAsync(" ms", new() { Timeout = 60_000 });
        if (await page.Locator("[data-testid=summary-failure]").CountAsync() > 0) Assert.Fail(await page.Locator("[data-testid=summary-failure]").TextContentAsync());
        await Assertions.Expect(page.Locator("[data-testid=summary-rate]")).ToContainTextAsync("1,500 written, 0 failed");
        // Plotly (4.6 MB of script) is parsed by a browser sharing two cores with the rest of the suite: as the Time Travel test, give it time.
        await Assertions.Expect(page.Locator("[data-testid=lag-events-chart] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-testid=projector-state]")).ToHaveTextAsync("running");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("projector.png"), FullPage = true });
    }

    [Fact]
    [Trait("Proof", "ReadYourOwnWrites")]
    public async Task With_the_projector_paused_a_deposit_shows_its_own_balance_while_the_read_model_lags_and_they_meet_on_resume()
    {
        var page = await browser.OpenAsync("/accounts", height: 1000);
        await page.Locator("[data-testid=row-owner]", new() { HasTextString = "Ada Lovelace" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=read-model-agreement]")).ToHaveTextAsync("agrees", new() { Timeout = 30_000 });

        await page.ClickAsync("[data-testid=ryow-pause]");
        await Assertions.Expect(page.Locator("[data-testid=ryow-resume]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        try
        {
            var readModelBefore = await page.Locator("[data-testid=read-model-balance]").TextContentAsync();
            await page.FillAsync("input[data-testid=amount]", "42");
            await page.ClickAsync("[data-testid=deposit]");
            await Assertions.Expect(page.Locator("[data-testid=command-result]")).ToBeVisibleAsync();

            var commandBalance = await page.Locator("[data-testid=balance]").TextContentAsync();
            Assert.NotEqual(readModelBefore, commandBalance);
            await Assertions.Expect(page.Locator("[data-testid=read-model-agreement]")).ToHaveTextAsync("behind");
            await Assertions.Expect(page.Locator("[data-testid=read-model-balance]")).ToHaveTextAsync(readModelBefore!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("read-your-own-writes.png") });

            await page.ClickAsync("[data-testid=ryow-resume]");
            await Assertions.Expect(page.Locator("[data-testid=read-model-agreement]")).ToHaveTextAsync("agrees", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=read-model-balance]")).ToHaveTextAsync(commandBalance!.Trim());
        }
        finally
        {
            if (await page.Locator("[data-testid=ryow-resume]").IsVisibleAsync()) await page.ClickAsync("[data-testid=ryow-resume]");
        }
    }
}
