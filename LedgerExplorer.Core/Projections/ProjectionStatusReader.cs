using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Projections;

/// <summary>Where a projection stands against the log: checkpoint, head, lag in events and in time, error, last batch.</summary>
public sealed class ProjectionStatusReader(string name, IEventStoreReader reader, CheckpointStore checkpoints, TimeProvider clock)
{
    public async Task<ProjectionStatus> ReadAsync(CancellationToken cancellationToken = default)
    {
        // The checkpoint first, then the head: the head only grows and the checkpoint never passes it, so read in
        // this order the answer can never show a checkpoint past the head (read the other way round, the projector
        // could apply events appended between the two reads).
        var (checkpoint, error, lastBatch, retry) = checkpoints.ReadRow();
        var head = await reader.ReadHeadPositionAsync(cancellationToken);

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
