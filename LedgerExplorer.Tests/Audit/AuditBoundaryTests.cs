using LedgerExplorer.Core.Audit;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Audit;

/// <summary>
/// The audit's edges, on a log written event by event with chosen business and recording times: a day is
/// [00:00, 24:00) to the tick, a window [from, to] includes both ends, every field that changed is named (the owner
/// when forgotten, the status when closed), a late posting's reason is carried, and "recorded later" means another day.
/// </summary>
[Trait("Proof", "Audit")]
public sealed class AuditBoundaryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 3, 3, 0, 0, 0, TimeSpan.Zero);
    private readonly SqliteHarness _harness = SqliteHarness.Create();
    private readonly AccountId _id = AccountId.New();
    private long _version;

    private AccountAudit Audit => new(_harness.Store, _harness.Keys);

    public async ValueTask InitializeAsync()
    {
        await Append(new AccountOpened("Ada Lovelace", Plan.Basic, "EUR"), Day.AddDays(-1));
        await Append(new PlanChanged(Plan.Plus), Day);                                    // the first tick of the day
        await Append(new PlanChanged(Plan.Premium), Day.AddDays(1).AddTicks(-1));         // its last tick
        await Append(new PlanChanged(Plan.Basic), Day.AddDays(1));                        // the next day's first
        await Append(new MoneyDeposited(10m, null), Day.AddDays(1), reason: "cheque found late", recordedAt: Day.AddDays(3));
        await Append(new MoneyWithdrawn(10m, null), Day.AddDays(2));
        await Append(new AccountClosed(), Day.AddDays(2).AddHours(1));
        await Append(new OwnerForgotten(), Day.AddDays(2).AddHours(2));
    }

    [Fact]
    public async Task A_day_runs_from_its_first_tick_to_its_last()
    {
        var answer = (await Audit.PlanChangesOnAsync(_id, DateOnly.FromDateTime(Day.UtcDateTime)))!;

        Assert.Equal([(Plan.Basic, Plan.Plus, 2L), (Plan.Plus, Plan.Premium, 3L)], answer.Changes.Select(c => (c.PriorPlan, c.NewPlan, c.Version)));
        Assert.Equal(Plan.Premium, answer.PlanInForce);
    }

    [Fact]
    public async Task A_window_includes_both_of_its_ends()
    {
        var changes = (await Audit.ChangesAsync(_id, Day, Day.AddDays(1).AddTicks(-1)))!;

        Assert.Equal([2L, 3L], changes.Select(c => c.Version));
        Assert.Equal([new FieldChange("plan", "Basic", "Plus")], changes[0].Fields);
    }

    [Fact]
    public async Task Every_field_that_changed_is_named_and_a_late_postings_reason_is_carried()
    {
        var changes = (await Audit.ChangesAsync(_id, Day.AddDays(1), null))!;

        Assert.Equal([4L, 5L, 6L, 7L, 8L], changes.Select(c => c.Version));
        Assert.Equal("cheque found late", changes[1].Reason);
        Assert.Equal([new FieldChange("balance", "0.00", "10.00")], changes[1].Fields);
        Assert.Equal([new FieldChange("status", "Open", "Closed")], changes[3].Fields);
        Assert.Equal([new FieldChange("owner", "Ada Lovelace", PersonalData.Erased)], changes[4].Fields);
        Assert.Null(changes[0].Reason);
    }

    [Fact]
    public void Recorded_later_means_recorded_on_a_later_day_than_it_took_effect()
    {
        PlanChangeRecord Change(DateTimeOffset occurred, DateTimeOffset recorded) => new(occurred, "bob", Plan.Basic, Plan.Plus, 2, 2, recorded);

        Assert.True(Change(Day, Day.AddDays(1)).RecordedLater);
        Assert.False(Change(Day, Day.AddDays(1).AddTicks(-1)).RecordedLater);
        Assert.False(Change(Day.AddDays(1), Day).RecordedLater);
    }

    private async Task Append(IAccountEvent e, DateTimeOffset occurredAt, string? reason = null, DateTimeOffset? recordedAt = null)
    {
        _harness.Clock.Set(recordedAt ?? occurredAt);
        var metadata = new EventMetadata(Guid.NewGuid(), "tester", Guid.NewGuid(), Guid.NewGuid(), occurredAt) { Reason = reason };
        var data = EventCodec.Encode(e, metadata, _id.Value, _harness.Keys);
        _version = (await _harness.Store.AppendAsync(_id.StreamId, ExpectedVersion.Exactly(_version), [data])).NextVersion;
    }

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();
}
