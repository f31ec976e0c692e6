namespace LedgerExplorer.Core.EventStore;

/// <summary>Which part of one stream to read: versions from..to, optionally stopping at an instant (inclusive).</summary>
public sealed record StreamReadRange(long FromVersion = 1, long? ToVersion = null, DateTimeOffset? UntilRecordedAt = null)
{
    public static StreamReadRange All { get; } = new();
}
