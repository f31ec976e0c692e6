namespace LedgerExplorer.Core.Snapshots;

/// <summary>How snapshot loads went since start: used, or ignored and why. Ignoring one costs a full replay, never a wrong answer.</summary>
public sealed class SnapshotStatistics
{
    private long _used;
    private long _badChecksum;
    private long _staleSchema;
    private long _written;

    public long Used => Interlocked.Read(ref _used);

    public long IgnoredBadChecksum => Interlocked.Read(ref _badChecksum);

    public long IgnoredStaleSchema => Interlocked.Read(ref _staleSchema);

    public long Written => Interlocked.Read(ref _written);

    internal void CountUsed() => Interlocked.Increment(ref _used);

    internal void CountBadChecksum() => Interlocked.Increment(ref _badChecksum);

    internal void CountStaleSchema() => Interlocked.Increment(ref _staleSchema);

    internal void CountWritten() => Interlocked.Increment(ref _written);
}
