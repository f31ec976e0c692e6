using System.Diagnostics.Metrics;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// The projections' lag as .NET metrics (meter <c>LedgerExplorer.Projections</c>), for any
/// OpenTelemetry exporter or <c>dotnet-counters</c> to pick up, tagged with the projection's name:
/// <list type="bullet">
/// <item><c>ledger.projection.lag</c> (histogram, ms): for every applied event, from its recorded-at to its batch's commit.</item>
/// <item><c>ledger.projection.events_applied</c> (counter).</item>
/// <item><c>ledger.projection.events_behind</c> (gauge): the log's head minus the checkpoint, as last seen.</item>
/// </list>
/// </summary>
public static class ProjectionMetrics
{
    public const string MeterName = "LedgerExplorer.Projections";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Dictionary<string, long> Behind = new(StringComparer.Ordinal);

    // The instruments are made once per process, before Stryker can switch a mutant on ("static mutants"): their
    // names, units and descriptions are each killed by ProjectionMetricsTests when the mutant is applied by hand.
    // Stryker disable once String : static mutant (see above)
    public static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "ledger.projection.lag", unit: "ms", description: "From an event's recorded-at to the commit of the batch that applied it");

    // Stryker disable once String : static mutant (see above)
    public static readonly Counter<long> EventsApplied = Meter.CreateCounter<long>(
        "ledger.projection.events_applied", unit: "{event}", description: "Events applied to a read model");

    static ProjectionMetrics()
    {
        // Stryker disable once Statement,String : static mutant (see above)
        Meter.CreateObservableGauge("ledger.projection.events_behind", ObserveBehind, unit: "{event}", description: "The log's head minus the projection's checkpoint");
    }

    public static void RecordBehind(string projection, long eventsBehind)
    {
        lock (Behind) Behind[projection] = eventsBehind;
    }

    private static IEnumerable<Measurement<long>> ObserveBehind()
    {
        lock (Behind)
        {
            return Behind.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("projection", p.Key))).ToList();
        }
    }
}
