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
        // Business time spans the months (all but the dispute's two late postings in order); recorded-at is the store's clock, in order.
        var occurred = events.Select(e => e.OccurredAt).ToList();
        Assert.True(occurred.Max() < Now, "nothing happened in the future");
        Assert.True(occurred.Max() - occurred.Min() >= TimeSpan.FromDays(90), $"history spans {occurred.Max() - occurred.Min()}");
        var postedLate = events.Where((e, i) => i > 0 && e.OccurredAt < occurred.Take(i).Max()).ToList();
        Assert.NotEmpty(postedLate);
        Assert.All(postedLate, e => Assert.True(Core.EventStore.EventMetadataJson.Times(e.Metadata, e.RecordedAt).Backdated, $"{e.EventType} at {e.Position} goes back in time without a reason"));
        var recorded = events.Select(e => e.RecordedAt).ToList();
        Assert.Equal(recorded.Order(), recorded);
        Assert.All(recorded, r => Assert.Equal(ledger.Clock.GetUtcNow(), r));
        var types = events.Select(e => e.EventType).ToHashSet();
        Assert.Superset(new HashSet<string> { "AccountOpened", "MoneyDeposited", "MoneyWithdrawn", "PlanChanged", "AccountClosed", "StatementIssued", "TransactionReversed" }, types);
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
