using System.Diagnostics.Metrics;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Snapshots;

/// <summary>The drift check as an operator sees it: the statistics the Snapshots page shows and the two .NET counters.</summary>
[Collection(MetricsCollection.Name)]
public sealed class SnapshotMetricsTests
{
    [Fact]
    public async Task The_background_check_counts_each_snapshot_it_verifies_and_each_it_quarantines_once_in_the_statistics_and_the_counters()
    {
        await using var ledger = SqliteHarness.Create();
        using var derived = new ReadModelHarness();
        var id = AccountId.New();
        var writer = new LedgerWriter(ledger.Store, ledger.Keys, TestEvents.T0);
        await writer.Do(id, new OpenAccount("Ada", Plan.Basic, "EUR"));
        for (var i = 0; i < 3; i++) await writer.Do(id, new Deposit(10m));
        var snapshots = new AccountSnapshots(new SnapshotStore(derived.Database), new SnapshotOptions(Every: 2));
        snapshots.Store.Save(AccountSnapshots.Take(id.StreamId, new AccountState.Active("Ada", Plan.Basic, "EUR", 10m), 2, 2, TestEvents.T0)); // true: opened, 10 in
        snapshots.Store.Save(AccountSnapshots.Take(id.StreamId, new AccountState.Active("Ada", Plan.Basic, "EUR", 99m), 4, 4, TestEvents.T0)); // drift: the events say 30

        long verified = 0, quarantined = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SnapshotMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "ledger.snapshots.verified") Interlocked.Add(ref verified, value);
            if (instrument.Name == "ledger.snapshots.quarantined") Interlocked.Add(ref quarantined, value);
        });
        listener.Start();

        Assert.Equal(2, await new SnapshotVerifier(ledger.Store, ledger.Keys, snapshots).VerifySomeAsync(budget: 10));

        Assert.Equal((1L, 1L), (snapshots.Statistics.Verified, snapshots.Statistics.Drifted));
        Assert.Equal((1L, 1L), (verified, quarantined));
        Assert.Equal(new SnapshotHealth(Total: 2, Verified: 1, Unverified: 0, Quarantined: 1), snapshots.Store.Health());
    }

    [Fact]
    public void The_meter_publishes_the_two_counters_by_the_names_units_and_descriptions_an_exporter_shows()
    {
        _ = SnapshotMetrics.Verified; // the counters exist once the type is used

        Assert.Equal(
            [
                ("ledger.snapshots.quarantined", "{snapshot}", "Snapshots found to differ from the fold of their events, never used again"),
                ("ledger.snapshots.verified", "{snapshot}", "Snapshots found to equal the fold of their events"),
            ],
            PublishedInstruments.Of("LedgerExplorer.Snapshots"));
    }
}
