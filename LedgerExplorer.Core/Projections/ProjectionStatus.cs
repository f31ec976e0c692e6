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

    public string State => Error is not null ? "error" : LagEvents == 0 ? "caught up" : "catching up";
}

/// <summary>The event a projection could not apply, and why. The projection stays stopped there until rebuilt.</summary>
public sealed record ProjectionError(long Position, string Message, DateTimeOffset At);
