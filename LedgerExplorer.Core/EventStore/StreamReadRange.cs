namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// Which part of one stream to read: versions from..to, optionally stopping at an instant or at a global
/// position (both inclusive). Time travel is this range applied to the same fold.
/// </summary>
public sealed record StreamReadRange(long FromVersion = 1, long? ToVersion = null, DateTimeOffset? UntilRecordedAt = null, long? UntilPosition = null)
{
    public static StreamReadRange All { get; } = new();
}
