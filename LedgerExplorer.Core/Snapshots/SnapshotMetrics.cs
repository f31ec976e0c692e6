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

    // Stryker disable all : static initializers, run once per test process — Stryker's MTP runner keeps one process across mutants (stryker-net#3742)
    public static readonly Counter<long> Verified = Meter.CreateCounter<long>(
        "ledger.snapshots.verified", unit: "{snapshot}", description: "Snapshots found to equal the fold of their events");

    public static readonly Counter<long> Quarantined = Meter.CreateCounter<long>(
        "ledger.snapshots.quarantined", unit: "{snapshot}", description: "Snapshots found to differ from the fold of their events, never used again");
    // Stryker restore all
}
