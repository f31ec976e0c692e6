using System.Text.Json;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Integrity;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class IntegrityBrowserTests(BrowserFixture browser)
{
    [Fact]
    [Trait("Proof", "Integrity")]
    public async Task The_event_log_says_how_far_the_chain_is_verified_gives_a_digest_and_shows_a_rows_proof()
    {
        var page = await browser.OpenAsync("/events");
        await Assertions.Expect(page.Locator("[data-testid=integrity-state]")).ToContainTextAsync("Chain verified to position", new() { Timeout = 30_000 });

        await page.Locator("[data-testid=take-digest]").ClickAsync();
        var digest = JsonSerializer.Deserialize<IntegrityDigest>(await page.Locator("[data-testid=digest]").TextContentAsync() ?? "", new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var stored = await browser.App.Services.GetRequiredService<IEventChain>().ReadChainAsync(digest.Position, 1);
        Assert.Equal(EventHash.ToHex(stored[0].Hash), digest.Hash); // the digest is the log's own head hash

        var row = page.Locator("tbody tr").Nth(2);
        var position = (await row.Locator("[data-testid=position]").TextContentAsync())!.Trim();
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=proof-result]")).ToContainTextAsync($"Holds: event {position} is in the log of");
        await page.Locator("[data-testid=inclusion-proof]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("event-log-integrity.png"), FullPage = true });
    }
}
