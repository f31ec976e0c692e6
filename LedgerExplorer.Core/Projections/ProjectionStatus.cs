namespace LedgerExplorer.Core.Projections;

/// <summary>
/// Where a projection stands: its checkpoint (last position applied), the log's head (high-water mark),
/// the lag between them, and the error it stopped at, if any.
/// </summary>
public sealed record ProjectionStatus(
    string Name,
    long Checkpoint,
    long Head,
    double LagMs,
    ProjectionError? Error)
{
    public long LagEvents => Math.Max(0, Head - Checkpoint);

    /// <summary>"stopped" at a poison event (see <see cref="Error"/>), "retrying" after transient failures (see <see cref="Retry"/>), else caught up or catching up.</summary>
    public string State => Error is not null ? "stopped" : Retry is not null ? "retrying" : LagEvents == 0 ? "caught up" : "catching up";

    /// <summary>Transient failures in a row since the last batch committed; null when the last attempt succeeded.</summary>
    public ProjectionRetry? Retry { get; init; }

    /// <summary>The last batch committed: when, how many events, and its largest recorded-at-to-commit lag.</summary>
    public AppliedBatch? LastBatch { get; init; }
}

/// <summary>A committed batch: when, how many events, and the largest lag (recorded-at to commit) among them.</summary>
public sealed record AppliedBatch(DateTimeOffset CommittedAt, int Events, double MaxLagMs);

/// <summary>The event a projection could not apply (a poison event), and why. The projection stays stopped there until rebuilt.</summary>
public sealed record ProjectionError(long Position, string Message, DateTimeOffset At);
