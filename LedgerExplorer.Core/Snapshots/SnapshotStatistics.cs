namespace LedgerExplorer.Core.Snapshots;

/// <summary>How snapshot loads went since start: used, or ignored and why. Ignoring one costs a full replay, never a wrong answer.</summary>
public sealed class SnapshotStatistics
{
    private long _used;
    private long _badChecksum;
    private long _staleSchema;
    private long _written;
    private long _verified;
    private long _drifted;

    public long Used => Interlocked.Read(ref _used);

    public long IgnoredBadChecksum => Interlocked.Read(ref _badChecksum);

    public long IgnoredStaleSchema => Interlocked.Read(ref _staleSchema);

    public long Written => Interlocked.Read(ref _written);

    /// <summary>Checked against the events (on first use, or in the background) and found equal.</summary>
    public long Verified => Interlocked.Read(ref _verified);

    /// <summary>Found to differ from the events — drift — and quarantined.</summary>
    public long Drifted => Interlocked.Read(ref _drifted);

    internal void CountUsed() => Interlocked.Increment(ref _used);

    internal void CountBadChecksum() => Interlocked.Increment(ref _badChecksum);

    internal void CountStaleSchema() => Interlocked.Increment(ref _staleSchema);

    internal void CountWritten() => Interlocked.Increment(ref _written);

    internal void CountVerified()
    {
        Interlocked.Increment(ref _verified);
        SnapshotMetrics.Verified.Add(1);
    }

    internal void CountDrift()
    {
        Interlocked.Increment(ref _drifted);
        SnapshotMetrics.Quarantined.Add(1);
    }
}
