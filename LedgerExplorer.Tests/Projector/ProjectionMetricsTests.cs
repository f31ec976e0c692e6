using System.Diagnostics.Metrics;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projector;

[Collection(MetricsCollection.Name)]
public sealed class ProjectionMetricsTests
{
    [Fact]
    public async Task Applying_a_batch_records_one_lag_measurement_per_event_from_recorded_at_to_commit_and_the_events_behind()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var recordedAt = DateTimeOffset.UtcNow.AddSeconds(-5); // recorded five seconds "ago": each event has waited ≥ 5,000 ms
        ledger.Clock.Set(recordedAt);
        var writer = new LedgerWriter(ledger.Store, ledger.Keys, recordedAt.AddDays(-90)); // when they happened plays no part in lag
        var id = AccountId.New();
        await writer.Do(id, new OpenAccount("Ada", Plan.Basic, "EUR"));
        await writer.Do(id, new Deposit(10m));
        await writer.Do(id, new Deposit(20m));
        var runner = new ProjectionRunner<BalanceRow>(new BalancesProjection(), ledger.Store, readModels.Database, ledger.Keys, TimeProvider.System);

        var lags = new List<double>();
        var behind = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProjectionMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "ledger.projection.lag" && tags.ToArray().Contains(new("projection", "balances"))) lock (lags) lags.Add(value);
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "ledger.projection.events_behind" && tags.ToArray().Contains(new("projection", "balances"))) behind.Add(value);
        });
        listener.Start();

        Assert.Equal(3, (await runner.GetStatusAsync()).LagEvents);
        listener.RecordObservableInstruments();
        await runner.CatchUpAsync();
        await runner.GetStatusAsync();
        listener.RecordObservableInstruments();

        Assert.Equal(3, lags.Count);
        Assert.All(lags, lag => Assert.InRange(lag, 5_000, 60_000));
        Assert.Equal([3L, 0L], behind.TakeLast(2));
        var status = await runner.GetStatusAsync();
        Assert.NotNull(status.LastBatch);
        Assert.Equal(3, status.LastBatch.Events);
        Assert.InRange(status.LastBatch.MaxLagMs, 5_000, 60_000);
    }

    [Fact]
    public void The_meter_publishes_the_three_instruments_by_the_names_units_and_descriptions_an_exporter_shows()
    {
        ProjectionMetrics.RecordBehind("metrics-test", 0); // the instruments exist once the type is used

        Assert.Equal(
            [
                ("ledger.projection.events_applied", "{event}", "Events applied to a read model"),
                ("ledger.projection.events_behind", "{event}", "The log's head minus the projection's checkpoint"),
                ("ledger.projection.lag", "ms", "From an event's recorded-at to the commit of the batch that applied it"),
            ],
            PublishedInstruments.Of("LedgerExplorer.Projections"));
    }
}
