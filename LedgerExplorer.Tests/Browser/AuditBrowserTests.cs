using LedgerExplorer.App.Features.Audit;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Audit;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LedgerExplorer.Tests.Browser;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AuditBrowserTests(BrowserFixture browser)
{
    [Fact]
    [Trait("Proof", "Audit")]
    public async Task Picking_a_date_reads_who_changed_the_plan_as_a_sentence()
    {
        var services = browser.App.Services;
        var ada = (await services.GetRequiredService<LedgerQueries>().ListAccountsAsync()).Single(a => a.Owner == "Ada Lovelace");
        var auditor = services.GetRequiredService<AccountAudit>();
        var firstChange = (await auditor.ChangesAsync(AccountId.Parse(ada.AccountId), null, null))!.First(c => c.EventType == "PlanChanged");
        var day = DateOnly.FromDateTime(firstChange.OccurredAt.UtcDateTime); // the day it took effect: the demo's history is entered at seeding
        var expected = AuditSentences.For((await auditor.PlanChangesOnAsync(AccountId.Parse(ada.AccountId), day))!);

        var page = await browser.OpenAsync("/audit");
        await page.Locator("[data-testid=audit-account-field] div.mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "Ada Lovelace" }).ClickAsync();
        var date = page.Locator("input[data-testid=audit-date], [data-testid=audit-date] input").First;
        await date.FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await date.PressAsync("Tab"); // an editable MudDatePicker takes the typed date on change (blur)

        await Assertions.Expect(page.Locator("[data-testid=audit-sentence]")).ToHaveTextAsync(expected.ToArray());
        Assert.Contains("changed the plan from", expected[0], StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("audit.png") });

        await page.Locator("[data-testid=audit-event-link]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=schema-view]")).ToContainTextAsync("PlanChanged");
    }
}
