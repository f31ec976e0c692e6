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
        await page.FillAsync("input[data-testid=accounts-search]", DemoLedger.DisputedOwner); // other tests add accounts: page 1 may not hold it
        await page.Locator("[data-testid=row-owner]", new() { HasTextString = DemoLedger.DisputedOwner }).ClickAsync();
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
        await page.FillAsync("input[data-testid=accounts-search]", "Alan Turing");
        await page.Locator("[data-testid=row-owner]", new() { HasTextString = "Alan Turing" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=command-panel]")).ToContainTextAsync("Alan Turing");
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

    [Fact]
    public async Task Time_travel_shows_the_disputed_account_as_known_before_the_reversal_beside_as_known_now()
    {
        var page = await browser.OpenAsync("/time-travel", height: 1600, user: "carol");
        await page.Locator("[data-testid=balances-chart] .main-svg").First.WaitForAsync(new() { Timeout = 20_000 });

        await page.FillAsync("input[data-testid=as-of-search]", DemoLedger.DisputedOwner.Split(' ')[0]);
        await page.Locator("[data-testid=as-of-row]", new() { HasTextString = DemoLedger.DisputedOwner }).ClickAsync();
        var panel = page.Locator("[data-testid=known-at-panel]");
        await Assertions.Expect(panel).ToContainTextAsync(DemoLedger.DisputedOwner);
        await Assertions.Expect(panel.Locator(".mud-select input").First).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("just before the reversal"));
        await panel.Locator("[data-testid=known-at-chart] .main-svg").First.WaitForAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(panel.Locator("[data-testid=known-at-chart] .legendtext")).ToHaveCountAsync(2);

        var then = await panel.Locator("[data-testid=balance-known-then]").TextContentAsync();
        var now = await panel.Locator("[data-testid=balance-known-now]").TextContentAsync();
        Assert.NotEqual(then, now);
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = RepositoryPaths.Screenshot("time-travel-known-at.png") });
    }
}
