namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>A step that brings its own log (a nats-server, say) instead of a sandbox ledger.</summary>
public abstract class OwnLogDemonstration(string id, string title, string why, string page, string source, string test)
    : Demonstration(id, title, why, page, source, test)
{
    public override Task<DemonstrationResult> RunAsync(CancellationToken cancellationToken = default) =>
        RecordAsync(log => PerformAsync(log, cancellationToken));

    protected abstract Task PerformAsync(DemonstrationLog log, CancellationToken ct);
}
