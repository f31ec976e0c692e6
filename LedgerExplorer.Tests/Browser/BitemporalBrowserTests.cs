using System.Globalization;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Tests.Support;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

/// <summary>The two times of an event, clicked through as a manager would: the demo's dispute, a reversal, a late posting, and Time Travel's "known at".</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Proof", "Bitemporal")]
public sealed class BitemporalBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_manager_reads_the_disputed_statement_as_issued_and_now_then_reverses_a_charge_and_posts_a_deposit_late()
    {
        var page = await browser.OpenAsync("/accounts", height: 1600, user: "bob");

        // The demo's dispute: the customer's refund posted late and a card charge reversed, in a month whose statement went out.
        await PickAsync(page, DemoLedger.DisputedOwner);
        var differences = page.Locator("[data-testid=statement-difference]");
        await Assertions.Expect(differences).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(differences.Nth(0)).ToContainTextAsync(DemoLedger.LateRefundReason);
        await Assertions.Expect(differences.Nth(1)).ToContainTextAsync(DemoLedger.DisputeReason);
        Assert.NotEqual(await page.Locator("[data-testid=issued-closing]").TextContentAsync(), await page.Locator("[data-testid=now-closing]").TextContentAsync());
        await page.Locator("[data-testid=time-panel]").ScreenshotAsync(new LocatorScreenshotOptions { Path = RepositoryPaths.Screenshot("accounts-two-times.png") });

        // A fresh account of our own: a deposit and a card charge, then the charge reversed with a reason.
        await page.ClickAsync("[data-testid=open-account]");
        await page.FillAsync("input[data-testid=owner]", "Mary Jackson");
        await page.ClickAsync("[data-testid=open-submit]");
        await Assertions.Expect(page.Locator("[data-testid=command-panel]")).ToContainTextAsync("Mary Jackson");
        await page.FillAsync("input[data-testid=amount]", "100");
        await page.ClickAsync("[data-testid=deposit]");
        await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("100.00 EUR");
        await page.FillAsync("input[data-testid=amount]", "30");
        await page.ClickAsync("[data-testid=withdraw]");
        await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("70.00 EUR");

        var charge = page.Locator("[data-testid=posting][data-kind=withdrawal]");
        await charge.Locator("[data-testid=reverse]").ClickAsync();
        await page.FillAsync("input[data-testid=reverse-reason]", "disputed card charge");
        await page.ClickAsync("[data-testid=confirm-reverse]");
        await Assertions.Expect(page.Locator("[data-testid=posting][data-kind=reversal]")).ToHaveCountAsync(1);
        await Assertions.Expect(charge).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("line-through"));
        await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("100.00 EUR");

        // On a customer with a history: a deposit that happened a week ago, posted today with a reason — marked late,
        // at its business time. (Not on the account just opened: a posting cannot predate the opening.)
        await PickAsync(page, "Alan Turing");
        var before = decimal.Parse((await page.Locator("[data-testid=balance]").TextContentAsync())!.Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture);
        var weekAgo = DateTime.UtcNow.Date.AddDays(-7).AddHours(12);
        await page.FillAsync("input[data-testid=amount]", "25");
        await page.FillAsync("input[data-testid=occurred-at]", weekAgo.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.FillAsync("input[data-testid=late-reason]", "cheque cleared late");
        await page.ClickAsync("[data-testid=deposit]");
        await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync($"{before + 25m:N2} GBP");
        var late = page.Locator("[data-testid=posting]", new() { Has = page.Locator("[data-testid=posted-late]") });
        await Assertions.Expect(late).ToHaveCountAsync(1);
        await Assertions.Expect(late).ToContainTextAsync(weekAgo.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Assertions.Expect(late).ToContainTextAsync("cheque cleared late");
    }

    /// <summary>
    /// Searches for the owner (other tests add accounts: the first page may not hold them), waits until the filtered table
    /// has settled on that one row — a click on a row the filter is still re-rendering can be lost — and picks it.
    /// </summary>
    private static async Task PickAsync(IPage page, string owner)
    {
        await page.FillAsync("input[data-testid=accounts-search]", owner);
        var rows = page.Locator("[data-testid=row-owner]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToHaveTextAsync(owner);
        for (var attempt = 1; ; attempt++)
        {
            await rows.ClickAsync();
            try
            {
                await Assertions.Expect(page.Locator("[data-testid=command-panel]")).ToContainTextAsync(owner, new() { Timeout = 5_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // The table re-rendered under the click (an append elsewhere refreshed it): click again.
            }
        }
    }

    [Fact]
    public async Task Time_travel_shows_the_disputed_account_as_known_before_the_reversal_beside_as_known_now()
    {
        var page = await browser.OpenAsync("/time-travel", height: 1600, user: "carol");
        await page.Locator("[data-testid=balances-chart] .main-svg").First.WaitForAsync(new() { Timeout = 20_000 });

        await page.FillAsync("input[data-testid=as-of-search]", DemoLedger.DisputedOwner.Split(' ')[0]);
        var row = page.Locator("[data-testid=as-of-row]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var panel = page.Locator("[data-testid=known-at-panel]");
        for (var attempt = 1; ; attempt++)
        {
            await row.ClickAsync();
            try
            {
                // Picked in the table, the panel shows that account (until then, the latest one whose past was revised).
                await Assertions.Expect(panel.Locator("b").First).ToHaveTextAsync(DemoLedger.DisputedOwner, new() { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        await Assertions.Expect(panel.Locator(".mud-select input").First).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("just before the reversal"));
        await panel.Locator("[data-testid=known-at-chart] .main-svg").First.WaitForAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(panel.Locator("[data-testid=known-at-chart] .legendtext")).ToHaveCountAsync(2);

        var then = await panel.Locator("[data-testid=balance-known-then]").TextContentAsync();
        var now = await panel.Locator("[data-testid=balance-known-now]").TextContentAsync();
        Assert.NotEqual(then, now);
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = RepositoryPaths.Screenshot("time-travel-known-at.png") });
    }
}
