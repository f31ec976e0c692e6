using Bunit;
using LedgerExplorer.App.Features.Accounts;
using LedgerExplorer.App.Features.Shell;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Features.Accounts;

/// <summary>The Accounts page on a real (temporary) SQLite ledger.</summary>
public sealed class AccountsPageTests : LedgerBunitContext, IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly AccountCommandHandler _handler;
    private AccountId _ada;

    public AccountsPageTests()
    {
        AddLedger(_directory.Path);
        _handler = Services.GetRequiredService<AccountCommandHandler>();
        RenderPopoverProvider();
    }

    public async ValueTask InitializeAsync()
    {
        _ada = AccountId.New();
        await _handler.HandleAsync(_ada, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"), CommandContext.For("alice"));
        await _handler.HandleAsync(AccountId.New(), new OpenAccount("Grace Hopper", Plan.Plus, "USD"), CommandContext.For("alice"));
    }

    [Fact]
    public void The_page_lists_every_account_folded_from_the_log()
    {
        var cut = Render<AccountsPage>();

        cut.WaitForAssertion(() => Assert.Equal(["Ada Lovelace", "Grace Hopper"], cut.FindAll("[data-testid=row-owner]").Select(c => c.TextContent)));
    }

    [Fact]
    public async Task Picking_an_account_and_depositing_shows_the_new_balance_and_records_the_acting_user()
    {
        SignInAs("bob", "manager");
        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tbody tr")));

        cut.FindAll("tbody tr").First(r => r.TextContent.Contains("Ada Lovelace", StringComparison.Ordinal)).Click();
        cut.Find("input[data-testid=amount]").Change("75.25");
        cut.Find("button[data-testid=deposit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("75.25 EUR", cut.Find("[data-testid=balance]").TextContent.Trim()));
        var events = await Services.GetRequiredService<IEventStore>().ReadStream(_ada.StreamId);
        Assert.Equal("bob", EventMetadataJson.Decode(events[^1].Metadata).Actor);
        Assert.Equal(new MoneyDeposited(75.25m, null), EventCodec.Decode(events[^1], Services.GetRequiredService<Core.Privacy.IPersonalDataVault>()));
    }

    [Fact]
    public void The_open_account_dialog_opens_an_account_and_selects_it()
    {
        var cut = Render<AccountsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tbody tr")));

        cut.Find("button[data-testid=open-account]").Click();
        DialogProvider.WaitForElement("input[data-testid=owner]").Input("Barbara Liskov");
        DialogProvider.Find("button[data-testid=open-submit]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Barbara Liskov", cut.FindAll("[data-testid=row-owner]").Select(c => c.TextContent));
            Assert.Equal("0.00 EUR", cut.Find("[data-testid=balance]").TextContent.Trim());
        });
    }

    [Fact]
    public void The_open_account_dialog_shows_a_refusal_and_stays_open()
    {
        var cut = Render<AccountsPage>();
        cut.Find("button[data-testid=open-account]").Click();

        DialogProvider.WaitForElement("button[data-testid=open-submit]").Click();

        DialogProvider.WaitForAssertion(() => Assert.Contains("name is required", DialogProvider.Find("[data-testid=open-error]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(DialogProvider.FindAll("input[data-testid=owner]"));
    }

    [Fact]
    public async Task Many_accounts_are_shown_a_page_at_a_time_and_found_by_owner()
    {
        await GeneratedHistory.WriteAccountsAsync(Services.GetRequiredService<IEventStore>(), Services.GetRequiredService<Core.Privacy.IPersonalDataVault>(),
            accounts: 43, eventsPerAccount: 2, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1));
        var cut = Render<AccountsPage>();

        cut.WaitForAssertion(() => Assert.Equal("45 accounts", cut.Find("[data-testid=accounts-count]").TextContent));
        Assert.Equal(20, cut.FindAll("[data-testid=row-owner]").Count);

        cut.Find("input[data-testid=accounts-search]").Input("owner 4");
        cut.WaitForAssertion(() => Assert.Equal(["Owner 4", "Owner 40", "Owner 41", "Owner 42"], cut.FindAll("[data-testid=row-owner]").Select(c => c.TextContent)));

        cut.Find("input[data-testid=accounts-search]").Input("nobody");
        cut.WaitForAssertion(() => Assert.Contains("No owner matches 'nobody'", cut.Markup, StringComparison.Ordinal));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
