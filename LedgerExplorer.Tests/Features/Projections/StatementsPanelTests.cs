using Bunit;
using LedgerExplorer.App.Features.Projections;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections.Statements;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Projections;

public sealed class StatementsPanelTests : LedgerBunitContext
{
    public StatementsPanelTests() => RenderPopoverProvider();

    [Fact]
    public void Choosing_an_account_shows_its_monthly_statements()
    {
        var accounts = new[] { new AccountView("aaaa00000001", "Ada Lovelace", Plan.Basic, "EUR", 0, 1, AccountStatus.Open) };
        var cut = Render<StatementsPanel>(p => p
            .Add(x => x.Accounts, accounts)
            .Add(x => x.LoadStatements, id => Task.FromResult<IReadOnlyList<StatementRow>>(
            [
                new(id, "2026-01", "EUR", 0m, 1_000m, 250.5m, 749.5m, 3),
                new(id, "2026-02", "EUR", 749.5m, 300m, 1_200m, -150.5m, 3),
            ])));

        cut.Find("div.mud-input-control").MouseDown();
        PopoverProvider.WaitForElement(".mud-popover-open .mud-list-item").Click();

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-testid=statement-row]");
            Assert.Equal(2, rows.Count);
            Assert.Contains("749.50", rows[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("-150.50 EUR", rows[1].TextContent, StringComparison.Ordinal);
        });

        // Choosing a month shows that month's statement alone.
        cut.FindAll("[data-testid=statement-month]")[1].Click();

        cut.WaitForAssertion(() => Assert.Contains("2026-02", Assert.Single(cut.FindAll("[data-testid=statement-row]")).TextContent, StringComparison.Ordinal));
    }
}
