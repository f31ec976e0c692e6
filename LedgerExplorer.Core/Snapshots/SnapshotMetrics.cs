using System.Diagnostics.Metrics;

namespace LedgerExplorer.Core.Snapshots;

/// <summary>
/// The drift check as .NET metrics (meter <c>LedgerExplorer.Snapshots</c>): <c>ledger.snapshots.verified</c> and
/// <c>ledger.snapshots.quarantined</c> (counters), for any OpenTelemetry exporter or <c>dotnet-counters</c>.
/// </summary>
public static class SnapshotMetrics
{
    public const string MeterName = "LedgerExplorer.Snapshots";

    private static readonly Meter Meter = new(MeterName);

    // The counters are made once per process, before Stryker can switch a mutant on ("static mutants", stryker-net#3742):
    // their names, units and descriptions are each killed by SnapshotMetricsTests when the mutant is applied by hand.
    // Stryker disable once String : static mutant (see above)
    public static readonly Counter<long> Verified = Meter.CreateCounter<long>(
        "ledger.snapshots.verified", unit: "{snapshot}", description: "Snapshots found to equal the fold of their events");

    // Stryker disable once String : static mutant (see above)
    public static readonly Counter<long> Quarantined = Meter.CreateCounter<long>(
        "ledger.snapshots.quarantined", unit: "{snapshot}", description: "Snapshots found to differ from the fold of their events, never used again");
}
