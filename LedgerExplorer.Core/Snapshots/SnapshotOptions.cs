namespace LedgerExplorer.Core.Snapshots;

/// <summary>The snapshot policy: a snapshot every <see cref="Every"/> events of a stream (0 turns snapshots off).</summary>
public sealed record SnapshotOptions(int Every = 100)
{
    public bool IsDue(long versionBefore, long versionAfter) => Every > 0 && versionAfter / Every > versionBefore / Every;
}
