namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// Which part of one stream to read: versions from..to, optionally stopping at an instant or at a global
/// position (both inclusive). Time travel is this range applied to the same fold.
/// </summary>
/// <param name="AfterPosition">
/// Only events past this global position (a load from a snapshot: the snapshot's). Within a stream positions rise with
/// versions, so with <paramref name="FromVersion"/> it selects nothing more or less; a log may use it to find where to
/// start (on JetStream, where a message's sequence is its first event's position when it carries one event, it turns a
/// search into one read).
/// </param>
public sealed record StreamReadRange(long FromVersion = 1, long? ToVersion = null, DateTimeOffset? UntilRecordedAt = null, long? UntilPosition = null, long? AfterPosition = null)
{
    public static StreamReadRange All { get; } = new();
}
