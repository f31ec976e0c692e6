using Bunit;
using LedgerExplorer.App.Features.Accounts;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Features.Accounts;

/// <summary>
/// The account's two times and its statement as issued and now, on a real ledger: September has a deposit of 100 and a
/// card charge of 30, its statement went out on 1 October; later a salary of 500 was posted for 10 September.
/// </summary>
[Trait("Proof", "Bitemporal")]
public sealed class AccountTimePanelTests : LedgerBunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset September = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly AccountId _ada = AccountId.Parse("ada000000001");
    private readonly List<IAccountCommand> _sent = [];
    private AccountView _account = default!;
    private LedgerWriter _writer = default!;

    public AccountTimePanelTests()
    {
        AddLedger(_directory.Path);
        RenderPopoverProvider();
    }

    public async ValueTask InitializeAsync()
    {
        _writer = new LedgerWriter(Services.GetRequiredService<IEventStore>(), Services.GetRequiredService<IPersonalDataVault>(), September);
        await _writer.At(September.AddDays(1)).Do(_ada, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        await _writer.At(September.AddDays(2)).Do(_ada, new Deposit(100m, "cash"));
        await _writer.At(September.AddDays(14)).Do(_ada, new Withdraw(30m, "card 4417"));
        await _writer.At(September.AddMonths(1).AddMinutes(30)).Do(_ada, new IssueStatement("2026-09"), "bob");
        _account = (await _writer.At(September.AddMonths(2)).Do(_ada, new Deposit(500m, "salary", new Backdating(September.AddDays(9), "salary posted late")), "bob")).State;
    }

    [Fact]
    public void The_postings_show_both_times_the_late_one_marked_and_the_month_it_changed_as_issued_beside_now()
    {
        var cut = Render<AccountTimePanel>(p => p.Add(x => x.Account, _account).Add(x => x.Execute, ExecuteAsync));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=posting]").Count));
        Assert.Single(cut.FindAll("[data-testid=posted-late]"));
        Assert.Contains("salary posted late", cut.Find("[data-testid=postings]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-09", cut.Find("[data-testid=statement-month]").TextContent, StringComparison.Ordinal);
        Assert.Equal("70.00", cut.Find("[data-testid=issued-closing]").TextContent.Trim());
        Assert.Equal("570.00", cut.Find("[data-testid=now-closing]").TextContent.Trim());
        var difference = Assert.Single(cut.FindAll("[data-testid=statement-difference]")).TextContent;
        Assert.Contains("+500.00", difference, StringComparison.Ordinal);
        Assert.Contains("salary posted late", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_reverses_a_posting_with_a_reason_and_the_panel_shows_it_reversed()
    {
        var cut = Render<AccountTimePanel>(p => p.Add(x => x.Account, _account).Add(x => x.Execute, ExecuteAsync));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=posting]").Count));

        var charge = cut.FindAll("[data-testid=posting]").Single(r => r.GetAttribute("data-kind") == "withdrawal");
        charge.QuerySelector("button[data-testid=reverse]")!.Click();
        cut.Find("input[data-testid=reverse-reason]").Change("disputed card charge");
        cut.Find("button[data-testid=confirm-reverse]").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=posting]").Count));
        var sent = Assert.IsType<ReverseTransaction>(Assert.Single(_sent));
        Assert.Equal((Guid.Parse(charge.GetAttribute("data-event-id")!), "disputed card charge"), (sent.EventId, sent.Reason));
        Assert.Contains("line-through", cut.FindAll("[data-testid=posting]").Single(r => r.GetAttribute("data-kind") == "withdrawal").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("600.00", cut.Find("[data-testid=now-closing]").TextContent.Trim());
        Assert.Equal("70.00", cut.Find("[data-testid=issued-closing]").TextContent.Trim());
    }

    [Fact]
    public void A_teller_sees_no_reverse_button_enabled_and_nothing_is_sent()
    {
        SignInAs("alice", App.Features.Identity.LedgerRoles.Teller);
        var cut = Render<AccountTimePanel>(p => p.Add(x => x.Account, _account).Add(x => x.Execute, ExecuteAsync));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=posting]").Count));

        var reverse = cut.FindAll("button[data-testid=reverse]");
        Assert.NotEmpty(reverse); // shown, and disabled: a teller sees who may
        Assert.All(reverse, b => Assert.True(b.HasAttribute("disabled")));
        Assert.Empty(_sent);
    }

    private async Task<CommandOutcome> ExecuteAsync(IAccountCommand command, long? expected, string key)
    {
        _sent.Add(command);
        var handler = Services.GetRequiredService<AccountCommandHandler>();
        return await handler.HandleAsync(_ada, command, CommandContext.For("bob"));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
