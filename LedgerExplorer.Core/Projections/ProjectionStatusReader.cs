using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Projections;

/// <summary>Where a projection stands against the log: checkpoint, head, lag in events and in time, error, last batch.</summary>
public sealed class ProjectionStatusReader(string name, IEventStoreReader reader, CheckpointStore checkpoints, TimeProvider clock)
{
    public async Task<ProjectionStatus> ReadAsync(CancellationToken cancellationToken = default)
    {
        var head = await reader.ReadHeadPositionAsync(cancellationToken);
        var (checkpoint, error, lastBatch, retry) = checkpoints.ReadRow();

        // Time lag: how long the oldest event not yet applied has been waiting.
        double lagMs = 0;
        if (head > checkpoint && (await reader.ReadAllAsync(checkpoint + 1, 1, cancellationToken)) is [var oldest])
        {
            lagMs = Math.Max(0, (clock.GetUtcNow() - oldest.RecordedAt).TotalMilliseconds);
        }

        ProjectionMetrics.RecordBehind(name, Math.Max(0, head - checkpoint));
        return new ProjectionStatus(name, checkpoint, head, lagMs, error) { LastBatch = lastBatch, Retry = retry };
    }
}
