using System.Globalization;
using Bunit;
using LedgerExplorer.App.Features.TimeTravel;
using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Features.TimeTravel;

/// <summary>The Time Travel page on a real ledger whose history read model is half caught up: every answer checked against the full fold.</summary>
public sealed class TimeTravelPageTests : LedgerBunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly AccountId _ada = AccountId.Parse("ada000000001");
    private readonly AccountId _grace = AccountId.Parse("grace0000001");

    public TimeTravelPageTests()
    {
        AddLedger(_directory.Path);
        RenderPopoverProvider();
    }

    private LedgerReplay Replay => new(Services.GetRequiredService<IEventStoreReader>(), Services.GetRequiredService<IPersonalDataVault>());

    public async ValueTask InitializeAsync()
    {
        // Positions 1–8, one hour apart: Ada's events are 1, 2, 4, 6, 8; Grace's 3, 5, 7.
        var writer = new LedgerWriter(Services.GetRequiredService<IEventStore>(), Services.GetRequiredService<IPersonalDataVault>(), Start);
        await writer.At(Start).Do(_ada, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        await writer.At(Start.AddHours(1)).Do(_ada, new Deposit(100m));
        await writer.At(Start.AddHours(2)).Do(_grace, new OpenAccount("Grace Hopper", Plan.Plus, "USD"));
        await writer.At(Start.AddHours(3)).Do(_ada, new Deposit(20m));
        await Services.GetRequiredService<ProjectionCatalog>().Find(HistoryProjection.ProjectionName)!.CatchUpAsync(); // history up to 4; the rest is the tail
        await writer.At(Start.AddHours(4)).Do(_grace, new Deposit(7m));
        await writer.At(Start.AddHours(5)).Do(_ada, new Withdraw(50m));
        await writer.At(Start.AddHours(6)).Do(_grace, new Deposit(1m));
        await writer.At(Start.AddHours(7)).Do(_ada, new Deposit(0.5m));
    }

    [Fact]
    public async Task It_opens_at_the_head_with_what_the_full_fold_gives()
    {
        var cut = Render<TimeTravelPage>();

        cut.WaitForAssertion(() => Assert.Equal("8", cut.Find("[data-testid=slider-position]").TextContent));
        await AssertBalancesAsOf(cut, 8);
        Assert.Contains("Every account", cut.Find("[data-testid=chart-note]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Going_to_a_time_lands_on_the_last_event_that_had_happened_by_then()
    {
        var cut = Render<TimeTravelPage>();
        cut.WaitForAssertion(() => Assert.Equal("8", cut.Find("[data-testid=slider-position]").TextContent));

        cut.Find("input[data-testid=jump-time]").Change(Start.AddHours(2).AddMinutes(30).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        cut.Find("button[data-testid=jump]").Click();

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=slider-position]").TextContent));
        await AssertBalancesAsOf(cut, 3);

        cut.Find("input[data-testid=jump-time]").Change("2026-01-01T00:00");
        cut.Find("button[data-testid=jump]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Nothing had happened by 2026-01-01 00:00", cut.Find("[data-testid=time-travel-message]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_account_picked_in_the_table_can_be_stepped_through_its_own_events()
    {
        var cut = Render<TimeTravelPage>();
        cut.WaitForAssertion(() => Assert.Equal("8", cut.Find("[data-testid=slider-position]").TextContent));

        cut.FindAll("tbody tr").First(r => r.TextContent.Contains("Grace Hopper", StringComparison.Ordinal)).Click();
        cut.Find("button[data-testid=previous-of-account]").Click();
        cut.WaitForAssertion(() => Assert.Equal("7", cut.Find("[data-testid=slider-position]").TextContent));
        cut.Find("button[data-testid=previous-of-account]").Click();
        cut.WaitForAssertion(() => Assert.Equal("5", cut.Find("[data-testid=slider-position]").TextContent));
        cut.Find("button[data-testid=previous-of-account]").Click();
        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=slider-position]").TextContent));
        await AssertBalancesAsOf(cut, 3);
        cut.Find("button[data-testid=next-of-account]").Click();
        cut.WaitForAssertion(() => Assert.Equal("5", cut.Find("[data-testid=slider-position]").TextContent));

        cut.Find("button[data-testid=previous-of-account]").Click();
        cut.Find("button[data-testid=previous-of-account]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Grace Hopper has no event before position 3", cut.Find("[data-testid=time-travel-message]").TextContent, StringComparison.Ordinal));
    }

    private async Task AssertBalancesAsOf(IRenderedComponent<TimeTravelPage> cut, long position)
    {
        var expected = (await Replay.ListAccountsAsync(upToPosition: position)).ToDictionary(a => a.AccountId, a => $"{a.Balance:N2} {a.Currency}");
        cut.WaitForAssertion(() => Assert.Equal(expected, cut.FindAll("[data-testid=as-of-balance]").ToDictionary(c => c.GetAttribute("data-account")!, c => c.TextContent.Trim())));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
