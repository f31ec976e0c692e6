using Bunit;
using LedgerExplorer.App.Features.Accounts;
using LedgerExplorer.App.Features.Ledger;
using LedgerExplorer.App.Features.Shell;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Features.Accounts;

/// <summary>
/// The Accounts page on a real ledger whose projector is not running (held back): a deposit shows the
/// command's balance at once while the balances read model beside it still shows the old one — until the
/// projection catches up, when the two meet.
/// </summary>
public sealed class AccountsPageReadYourOwnWritesTests : LedgerBunitContext, IAsyncDisposable
{
    private readonly TempDirectory _directory = new();

    public AccountsPageReadYourOwnWritesTests()
    {
        AddLedger(_directory.Path);
        RenderPopoverProvider();
    }

    [Fact]
    [Trait("Proof", "ReadYourOwnWrites")]
    public async Task With_the_projection_held_back_the_page_shows_the_commands_balance_and_the_read_model_visibly_lags_until_it_catches_up()
    {
        var handler = Services.GetRequiredService<AccountCommandHandler>();
        var id = AccountId.New();
        await handler.HandleAsync(id, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"), CommandContext.For("test"));
        await handler.HandleAsync(id, new Deposit(100m), CommandContext.For("test"));
        var balances = Services.GetRequiredService<ProjectionCatalog>().Find("balances")!;
        await balances.CatchUpAsync();

        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=row-owner]")));
        cut.Find("[data-testid=row-owner]").Click();
        cut.WaitForAssertion(() => Assert.Equal("100.00 EUR", cut.Find("[data-testid=read-model-balance]").TextContent.Trim()));

        cut.Find("input[data-testid=amount]").Change("250");
        cut.Find("button[data-testid=deposit]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("350.00 EUR", cut.Find("[data-testid=balance]").TextContent.Trim()); // the command's result
            Assert.Equal("100.00 EUR", cut.Find("[data-testid=read-model-balance]").TextContent.Trim()); // the lagging projection
            Assert.Equal("behind", cut.Find("[data-testid=read-model-agreement]").TextContent.Trim());
        });

        await balances.CatchUpAsync();

        cut.WaitForAssertion(
            () =>
            {
                Assert.Equal("350.00 EUR", cut.Find("[data-testid=read-model-balance]").TextContent.Trim());
                Assert.Equal("agrees", cut.Find("[data-testid=read-model-agreement]").TextContent.Trim());
            },
            TimeSpan.FromSeconds(5));
        Assert.Equal("350.00 EUR", cut.Find("[data-testid=balance]").TextContent.Trim());
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
