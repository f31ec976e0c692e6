using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AccountsBrowserTests(BrowserFixture browser)
{
    [Fact]
    [Trait("Proof", "ReadYourOwnWrites")]
    public async Task A_person_opens_an_account_deposits_and_sees_the_new_balance_at_once()
    {
        var page = await browser.OpenAsync("/accounts");

        await page.ClickAsync("[data-testid=open-account]");
        await page.FillAsync("input[data-testid=owner]", "Margaret Hamilton");
        await page.ClickAsync("[data-testid=open-submit]");
        await Assertions.Expect(page.Locator("[data-testid=command-panel]")).ToContainTextAsync("Margaret Hamilton");

        await page.FillAsync("input[data-testid=amount]", "125.50");
        await page.ClickAsync("[data-testid=deposit]");

        await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("125.50 EUR");
        await Assertions.Expect(page.Locator("[data-testid=version]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=command-result]")).ToContainTextAsync("version 2");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("accounts.png") });

        // The deposit is in the log, as the Event Log page shows it.
        var log = await browser.OpenAsync("/events");
        await Assertions.Expect(log.Locator("tbody tr").First).ToContainTextAsync("MoneyDeposited");
        await Assertions.Expect(log.Locator("tbody tr").First).ToContainTextAsync("\"amount\":125.50");
        await log.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("event-log.png") });
    }

    [Fact]
    [Trait("Proof", "ReadYourOwnWrites")]
    public async Task A_double_click_on_deposit_deposits_once()
    {
        var page = await browser.OpenAsync("/accounts");
        await page.ClickAsync("[data-testid=open-account]");
        await page.FillAsync("input[data-testid=owner]", "Jean Bartik");
        await page.ClickAsync("[data-testid=open-submit]");
        await Assertions.Expect(page.Locator("[data-testid=command-panel]")).ToContainTextAsync("Jean Bartik");
        var id = await page.Locator("[data-testid=command-panel]").GetAttributeAsync("data-account-id");

        await page.FillAsync("input[data-testid=amount]", "30");
        await page.DblClickAsync("[data-testid=deposit]");

        await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("30.00 EUR");
        var reader = browser.App.Services.GetRequiredService<Core.EventStore.IEventStoreReader>();
        var deposits = await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
        {
            var events = new List<Core.EventStore.StoredEvent>();
            await foreach (var e in reader.ReadStreamAsync($"account-{id}", Core.EventStore.StreamReadRange.All)) events.Add(e);
            return events.Count >= 2 ? events.Count(e => e.EventType == "MoneyDeposited") : (int?)null;
        });
        Assert.Equal(1, deposits);
    }

    [Fact]
    public async Task A_refused_withdrawal_reads_as_a_sentence_and_the_balance_stays()
    {
        var page = await browser.OpenAsync("/accounts");
        await page.ClickAsync("[data-testid=open-account]");
        await page.FillAsync("input[data-testid=owner]", "Frances Allen");
        await page.ClickAsync("[data-testid=open-submit]");
        await Assertions.Expect(page.Locator("[data-testid=command-panel]")).ToContainTextAsync("Frances Allen");

        await page.FillAsync("input[data-testid=amount]", "10");
        await page.ClickAsync("[data-testid=withdraw]");

        await Assertions.Expect(page.Locator("[data-testid=command-error]")).ToContainTextAsync("Cannot withdraw 10.00");
        await Assertions.Expect(page.Locator("[data-testid=balance]")).ToHaveTextAsync("0.00 EUR");
    }
}
