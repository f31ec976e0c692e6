using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Application;

/// <summary>
/// A cut through the log on both time axes: the events that had happened by <see cref="AsOf"/> (business time,
/// <see cref="StoredEvent.OccurredAt"/>) among those the ledger had recorded by <see cref="KnownAt"/> (transaction
/// time, <see cref="StoredEvent.RecordedAt"/>). Null on an axis means "no limit": <c>new TimeSlice()</c> is the
/// ledger as it stands. Folding a stream's events in log order, keeping those the slice <see cref="Includes"/>, gives
/// the state at business time T as known at K — the one definition every bitemporal read answers.
/// </summary>
public sealed record TimeSlice(DateTimeOffset? AsOf = null, DateTimeOffset? KnownAt = null)
{
    public static TimeSlice Now { get; } = new();

    public bool IsNow => AsOf is null && KnownAt is null;

    public bool Includes(StoredEvent e) => (KnownAt is not { } k || e.RecordedAt <= k) && (AsOf is not { } t || e.OccurredAt <= t);
}
