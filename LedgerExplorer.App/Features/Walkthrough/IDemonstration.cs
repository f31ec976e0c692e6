namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>A demonstration performed on a sandbox ledger it is handed (never null: see <see cref="OwnLogDemonstration"/> for one that brings its own log).</summary>
public interface IDemonstration
{
    Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct);
}
