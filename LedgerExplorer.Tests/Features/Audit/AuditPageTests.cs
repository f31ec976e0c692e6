using Bunit;
using LedgerExplorer.App.Features.Audit;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Audit;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Features.Audit;

public sealed class AuditPageTests : LedgerBunitContext, IAsyncLifetime
{
    private readonly SqliteHarness _ledger = SqliteHarness.Create();

    public AuditPageTests()
    {
        Services.AddSingleton(new AccountAudit(_ledger.Store, _ledger.Keys));
        Services.AddSingleton(new LedgerQueries(_ledger.Store, _ledger.Keys));
        RenderPopoverProvider();
    }

    public async ValueTask InitializeAsync()
    {
        var writer = new LedgerWriter(_ledger.Store, _ledger.Keys, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var ada = AccountId.Parse("aaaa00000001");
        await writer.At(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)).Do(ada, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"), "alice");
        await writer.At(new DateTimeOffset(2026, 3, 3, 14, 5, 0, TimeSpan.Zero)).Do(ada, new ChangePlan(Plan.Premium), "bob");
    }

    [Fact]
    public void Choosing_an_account_and_a_day_with_a_change_answers_in_a_sentence_linking_the_events()
    {
        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("div.mud-input-control")));

        cut.Find("div.mud-select div.mud-input-control").MouseDown();
        PopoverProvider.WaitForElement(".mud-popover-open .mud-list-item").Click();
        cut.WaitForElement("[data-testid=change-day]").Click();

        cut.WaitForAssertion(() => Assert.Equal("On 3 March 2026 at 14:05 UTC, bob changed the plan from Basic to Premium.", cut.Find("[data-testid=audit-sentence]").TextContent));
        Assert.Equal("events?stream=account-aaaa00000001&position=2", cut.Find("[data-testid=audit-event-link]").GetAttribute("href"));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _ledger.DisposeAsync();
    }
}
