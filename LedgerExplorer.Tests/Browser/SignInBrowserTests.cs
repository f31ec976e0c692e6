using LedgerExplorer.Tests.Support;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

/// <summary>The Demo mode's picker signs in as each demo user for real (a cookie), and each sees the buttons of their role.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SignInBrowserTests(BrowserFixture browser)
{
    [Fact]
    [Trait("Proof", "Access")]
    public async Task Picking_each_demo_user_signs_in_as_them_and_shows_their_roles_buttons()
    {
        // A browser with no cookie yet: in Demo mode it is signed in as alice, as every new session always was.
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/accounts");
        await page.WaitForSelectorAsync("[data-interactive=true]", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=signed-in-roles]")).ToHaveTextAsync("teller");

        // role → may transact (open, deposit), may manage (plan, close), may operate (start over)
        var expected = new (string User, string Role, bool Transact, bool Manage, bool Operate)[]
        {
            ("alice", "teller", true, false, false),
            ("bob", "manager", true, true, false),
            ("carol", "auditor", false, false, false),
            ("dana", "privacy", false, false, false),
            ("admin", "admin", true, true, true),
        };
        foreach (var (user, role, transact, manage, operate) in expected)
        {
            if (user != "alice")
            {
                await page.Locator("[data-testid=actor-picker]").ClickAsync();
                await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = user }).ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=signed-in-roles]")).ToHaveTextAsync(role, new() { Timeout = 30_000 });
                await page.WaitForSelectorAsync("[data-interactive=true]", new() { Timeout = 30_000 });
            }

            await page.Locator("[data-testid=row-owner]").First.ClickAsync();
            await Expect(page.Locator("button[data-testid=deposit]"), transact);
            await Expect(page.Locator("button[data-testid=open-account]"), transact);
            await Expect(page.Locator("button[data-testid=change-plan]"), manage);
            await Expect(page.Locator("button[data-testid=close]"), manage);
            await Expect(page.Locator("button", new() { HasTextString = "Start over" }), operate);
            if (!transact)
            {
                // What may not be done says who may.
                await page.Locator("[data-testid=needs-role][data-action=Transact]").First.HoverAsync();
                await Assertions.Expect(page.Locator(".mud-tooltip", new() { HasTextString = "Needs the teller, manager or admin role" })).ToBeVisibleAsync();
            }

            if (user == "carol") await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("signed-in-as-an-auditor.png") });
        }

        await context.CloseAsync();
    }

    private static Task Expect(ILocator button, bool enabled) =>
        enabled ? Assertions.Expect(button).ToBeEnabledAsync() : Assertions.Expect(button).ToBeDisabledAsync();
}
