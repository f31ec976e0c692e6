namespace LedgerExplorer.Core.Projections;

/// <summary>Runs one projection against the log: catch up, rebuild, redeliver, report where it stands.</summary>
public interface IProjectionRunner
{
    string Name { get; }

    /// <summary>Applies every event after the checkpoint, batch by batch; returns how many were applied. A stopped (faulted) projection applies nothing.</summary>
    Task<long> CatchUpAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Replays the whole log into a fresh copy of the read model and switches to it atomically when it has caught up (readers never see a half-built one).</summary>
    Task<RebuildResult> RebuildAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Delivers the event at <paramref name="position"/> again, as a redelivering transport would.</summary>
    Task<RedeliveryResult> RedeliverAsync(long position, CancellationToken cancellationToken = default);

    Task<ProjectionStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>The canonical dump of the read model's rows (see <see cref="ReadModelDump"/>).</summary>
    string Dump();
}
