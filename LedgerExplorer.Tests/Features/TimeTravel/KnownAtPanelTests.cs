using Bunit;
using LedgerExplorer.App.Features.Charts;
using LedgerExplorer.App.Features.TimeTravel;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Features.TimeTravel;

/// <summary>The second time axis on a real ledger: Ada's September as the ledger knew it before a salary was posted late, beside now.</summary>
[Trait("Proof", "Bitemporal")]
public sealed class KnownAtPanelTests : LedgerBunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset September = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly AccountId _ada = AccountId.Parse("ada000000001");
    private AccountView _account = default!;

    public KnownAtPanelTests()
    {
        AddLedger(_directory.Path);
        RenderPopoverProvider();
    }

    public async ValueTask InitializeAsync()
    {
        var writer = new LedgerWriter(Services.GetRequiredService<IEventStore>(), Services.GetRequiredService<IPersonalDataVault>(), September);
        await writer.At(September.AddDays(1)).Do(_ada, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        await writer.At(September.AddDays(2)).Do(_ada, new Deposit(100m));
        await writer.At(September.AddDays(14)).Do(_ada, new Withdraw(30m));
        _account = (await writer.At(September.AddMonths(2)).Do(_ada, new Deposit(500m, "salary", new Backdating(September.AddDays(9), "salary posted late")), "bob")).State;
        foreach (var runner in Services.GetServices<IProjectionRunner>()) await runner.CatchUpAsync();
    }

    [Fact]
    public void Known_just_before_the_late_posting_the_balance_at_the_end_of_september_was_70_and_now_it_is_570_with_a_line_for_each()
    {
        var cut = Render<KnownAtPanel>(p => p.Add(x => x.Account, _account).Add(x => x.AsOf, September.AddMonths(1).AddTicks(-1)));

        cut.WaitForAssertion(() => Assert.Equal("570.00", cut.Find("[data-testid=balance-known-now]").TextContent.Trim()));
        Assert.Equal("70.00", cut.Find("[data-testid=balance-known-then]").TextContent.Trim());
        Assert.Contains("just before the late deposit of 500.00", cut.Markup, StringComparison.Ordinal); // the moment chosen: the select shows it
        var lines = cut.FindComponent<LedgerChart>().Instance.Series;
        Assert.Equal(2, lines.Count);
        Assert.Equal(570m, lines[0].Y[^1]);
        Assert.Equal(70m, lines[1].Y[^1]);
    }

    [Fact]
    public void Without_an_account_picked_it_shows_the_latest_one_whose_past_was_revised()
    {
        var cut = Render<KnownAtPanel>(p => p.Add(x => x.AsOf, September.AddMonths(1).AddTicks(-1)));

        cut.WaitForAssertion(() => Assert.Contains("Ada Lovelace", cut.Find("[data-testid=known-at-panel]").TextContent, StringComparison.Ordinal));
        Assert.Equal("70.00", cut.Find("[data-testid=balance-known-then]").TextContent.Trim());
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
