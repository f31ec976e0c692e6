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

    [Fact]
    [Trait("Proof", "TemporalQuery")]
    public async Task Going_to_a_time_and_stepping_through_one_accounts_events_land_where_the_log_says()
    {
        var reader = browser.App.Services.GetRequiredService<IEventStoreReader>();
        var replay = new LedgerReplay(reader, browser.App.Services.GetRequiredService<IPersonalDataVault>());
        var ada = (await replay.ListAccountsAsync()).Single(a => a.Owner == "Ada Lovelace");
        var adaEvents = new List<StoredEvent>();
        await foreach (var e in reader.ReadStreamAsync($"account-{ada.AccountId}", StreamReadRange.All)) adaEvents.Add(e);
        var page = await browser.OpenAsync("/time-travel", height: 1100);
        await page.Locator("[data-testid=balances-chart] .main-svg").First.WaitForAsync(new() { Timeout = 20_000 });

        // Go to the minute after Ada's third event: the slider lands on the last event that had happened by then (business time).
        var third = adaEvents[2].OccurredAt;
        var minute = new DateTimeOffset(third.Year, third.Month, third.Day, third.Hour, third.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        long expected = 0;
        await foreach (var logPage in reader.ReadAllPagesAsync()) expected = Math.Max(expected, logPage.Where(e => e.OccurredAt <= minute).Select(e => e.Position).DefaultIfEmpty(0).Max());
        await page.Locator("input[data-testid=jump-time]").FillAsync(minute.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.ClickAsync("[data-testid=jump]");
        await Assertions.Expect(page.Locator("[data-testid=slider-position]")).ToHaveTextAsync(expected.ToString(CultureInfo.InvariantCulture));

        // Pick Ada in the table, then step through her own events.
        await page.Locator($"[data-testid=as-of-row][data-account='{ada.AccountId}']").ClickAsync();
        var next = adaEvents.First(e => e.Position > expected);
        await page.ClickAsync("[data-testid=next-of-account]");
        await Assertions.Expect(page.Locator("[data-testid=slider-position]")).ToHaveTextAsync(next.Position.ToString(CultureInfo.InvariantCulture));
        var asOf = (await replay.ListAccountsAsync(upToPosition: next.Position)).Single(a => a.AccountId == ada.AccountId);
        await Assertions.Expect(page.Locator($"[data-testid=as-of-balance][data-account='{ada.AccountId}']"))
            .ToHaveTextAsync($"{asOf.Balance.ToString("N2", CultureInfo.InvariantCulture)} {asOf.Currency}");
        await page.ClickAsync("[data-testid=previous-of-account]");
        await Assertions.Expect(page.Locator("[data-testid=slider-position]")).ToHaveTextAsync(adaEvents.Last(e => e.Position < next.Position).Position.ToString(CultureInfo.InvariantCulture));
    }
}
