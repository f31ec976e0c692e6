using LedgerExplorer.Tests.Support;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PrivacyBrowserTests(BrowserFixture browser)
{
    [Fact]
    [Trait("Proof", "CryptoShredding")]
    public async Task Forgetting_an_account_leaves_the_ciphertext_unchanged_and_the_name_erased()
    {
        var page = await browser.OpenAsync("/privacy", height: 1250);
        await page.Locator("[data-testid=privacy-account-field] div.mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Grace Hopper" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=decrypted]")).ToContainTextAsync("decrypts to “Grace Hopper”");
        var ciphertext = await page.Locator("[data-testid=ciphertext]").TextContentAsync();

        await page.ClickAsync("[data-testid=forget]");
        await page.Locator(".mud-dialog button", new() { HasTextString = "Forget" }).ClickAsync();

        var after = page.Locator("[data-testid=privacy-after-forget]");
        await Assertions.Expect(after.Locator("[data-testid=decrypted]")).ToContainTextAsync("decryption fails");
        await Assertions.Expect(after.Locator("[data-testid=owner]")).ToHaveTextAsync("owner: (erased)");
        await Assertions.Expect(after.Locator("[data-testid=key-store]")).ToHaveTextAsync("holds no key for this account");
        Assert.Equal(ciphertext, await after.Locator("[data-testid=ciphertext]").TextContentAsync());
        await Assertions.Expect(page.Locator("[data-testid=hash-verdict]")).ToContainTextAsync("identical");

        await page.ClickAsync("[data-testid=privacy-rebuild]");
        await Assertions.Expect(page.Locator("[data-testid=privacy-message]")).ToContainTextAsync("Rebuilt the balances read model");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("privacy.png"), FullPage = true });
    }
}
