using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Tests.EventStore.Sqlite;

namespace LedgerExplorer.Tests.Application;

public sealed class DemoLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_demo_ledger_spans_three_months_of_history_by_several_actors_in_time_order()
    {
        await using var ledger = SqliteHarness.Create();

        var head = await DemoLedger.SeedAsync(ledger.Store, Now, ledger.Keys);

        var events = await ledger.Store.ReadAllAsync(1, 10_000);
        Assert.Equal(head, events.Count);
        var times = events.Select(e => e.RecordedAt).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times[^1] < Now, "nothing is recorded in the future");
        Assert.True(times[^1] - times[0] >= TimeSpan.FromDays(90), $"history spans {times[^1] - times[0]}");
        var types = events.Select(e => e.EventType).ToHashSet();
        Assert.Superset(new HashSet<string> { "AccountOpened", "MoneyDeposited", "MoneyWithdrawn", "PlanChanged", "AccountClosed" }, types);
        var planChangers = events.Where(e => e.EventType == "PlanChanged")
            .Select(e => Core.EventStore.EventMetadataJson.Decode(e.Metadata).Actor).ToHashSet();
        Assert.True(planChangers.Count >= 2, "plan changes are made by several staff members");
        var accounts = await new LedgerQueries(ledger.Store, ledger.Keys).ListAccountsAsync();
        Assert.True(accounts.Count >= 6);
    }

    [Fact]
    public async Task Seeding_a_ledger_that_has_events_writes_nothing()
    {
        await using var ledger = SqliteHarness.Create();
        var first = await DemoLedger.SeedAsync(ledger.Store, Now, ledger.Keys);

        var second = await DemoLedger.SeedAsync(ledger.Store, Now, ledger.Keys);

        Assert.Equal(0, second);
        Assert.Equal(first, await ledger.Store.ReadHeadPositionAsync());
    }
}
