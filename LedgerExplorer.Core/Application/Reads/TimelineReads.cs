using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Core.Application.Reads;

/// <summary>A balance after one event, for a chart.</summary>
public readonly record struct BalancePoint(long Position, DateTimeOffset At, decimal Balance);

/// <summary>
/// What the Time Travel page needs besides the as-of balances, each an index seek or a bounded read on the history read
/// model (plus the projector's lag read from the log): the event at or before an instant, an account's next or previous
/// event, and each account's balance over time, downsampled on the server to what a chart can show.
/// </summary>
public sealed class TimelineReads(IEventStoreReader reader, IPersonalDataVault vault, ReadModelDatabase readModels)
{
    /// <summary>The last event (by business time) that happened at or before <paramref name="instant"/> (0 if none): where a date picker lands on the slider.</summary>
    public async Task<long> PositionAtAsync(DateTimeOffset instant, CancellationToken cancellationToken = default)
    {
        long found = 0, checkpoint;
        using (var history = new HistorySnapshot(readModels))
        using (var seek = history.Prepare("SELECT position FROM account_history WHERE occurred_at <= $t ORDER BY occurred_at DESC, position DESC LIMIT 1", ("$t", ReadModelFormat.Instant(instant))))
        {
            checkpoint = history.Checkpoint;
            if (seek.ExecuteScalar() is long position) found = position;
        }

        await foreach (var page in reader.ReadAllPagesAsync(checkpoint + 1, 2_000, cancellationToken))
        {
            foreach (var e in page.Where(e => e.OccurredAt <= instant)) found = Math.Max(found, e.Position);
        }

        return found;
    }

    /// <summary>The accounts whose business times go back somewhere — a late posting, a reversal — as far as the history read model has seen.</summary>
    public IReadOnlyList<AccountId> RevisedAccounts()
    {
        using var history = new HistorySnapshot(readModels);
        return history.OutOfOrderAccounts();
    }

    /// <summary>The position of the account's first event after <paramref name="position"/> (forward) or last before it; null if there is none.</summary>
    public async Task<long?> NeighbourEventAsync(AccountId id, long position, bool forward, CancellationToken cancellationToken = default)
    {
        long? found;
        long latestVersion;
        using (var history = new HistorySnapshot(readModels))
        {
            using var seek = history.Prepare(forward
                ? "SELECT position FROM account_history WHERE account_id = $a AND position > $p ORDER BY position LIMIT 1"
                : "SELECT position FROM account_history WHERE account_id = $a AND position < $p ORDER BY position DESC LIMIT 1", ("$a", id.Value), ("$p", position));
            found = seek.ExecuteScalar() as long?;
            using var latest = history.Prepare("SELECT COALESCE(MAX(version), 0) FROM account_history WHERE account_id = $a", ("$a", id.Value));
            latestVersion = (long)latest.ExecuteScalar()!;
        }

        if (found is not null && forward) return found;
        // Past the checkpoint: the account's events the history has not reached yet.
        await foreach (var e in reader.ReadStreamAsync(id.StreamId, new StreamReadRange(FromVersion: latestVersion + 1), cancellationToken))
        {
            if (forward && e.Position > position) return e.Position;
            if (!forward && e.Position < position) found = e.Position;
        }

        return found;
    }

    /// <summary>
    /// Each account's balance over business time after each of its events, reduced to at most about 4 ×
    /// <paramref name="buckets"/> points: the time range is cut into buckets and each keeps its first, lowest, highest
    /// and last point, so no spike is lost. With <paramref name="knownAt"/>, the line as the ledger knew it then (only
    /// the events recorded by it). An account whose business times go back (a late posting, a reversal) is drawn from
    /// its stream, its postings put in the order they happened.
    /// </summary>
    public async Task<IReadOnlyDictionary<AccountId, IReadOnlyList<BalancePoint>>> BalancesOverTimeAsync(IReadOnlyCollection<AccountId> accounts, int buckets, DateTimeOffset? knownAt = null, CancellationToken cancellationToken = default)
    {
        var points = accounts.ToDictionary(id => id, _ => new List<BalancePoint>());
        var states = new Dictionary<AccountId, (AccountState State, long Version)>();
        HashSet<AccountId> fromStream;
        using (var history = new HistorySnapshot(readModels))
        {
            fromStream = knownAt is null ? history.OutOfOrderAccounts().Where(points.ContainsKey).ToHashSet() : [.. accounts];
            using var rows = history.Prepare($"SELECT {HistoryTable.Columns} FROM account_history WHERE account_id = $a ORDER BY position", ("$a", ""));
            foreach (var id in accounts.Where(a => !fromStream.Contains(a)))
            {
                rows.Parameters["$a"].Value = id.Value;
                foreach (var row in HistoryTable.ReadRows(rows))
                {
                    points[id].Add(new BalancePoint(row.Position, row.OccurredAt, row.Balance));
                    states[id] = (row.ToState(""), row.Version); // the name plays no part in a balance
                }
            }
        }

        // The events the history has not reached yet, folded on each account's last state there.
        foreach (var id in accounts.Where(a => !fromStream.Contains(a)))
        {
            var (state, version) = states.GetValueOrDefault(id, (AccountDecider.Initial, 0));
            await foreach (var e in reader.ReadStreamAsync(id.StreamId, new StreamReadRange(FromVersion: version + 1), cancellationToken))
            {
                state = AccountDecider.Evolve(state, EventCodec.Decode(e, vault));
                points[id].Add(new BalancePoint(e.Position, e.OccurredAt, state is AccountState.Active a ? a.Balance : 0m));
            }
        }

        foreach (var id in fromStream) points[id] = await BusinessTimeLineAsync(id, knownAt, cancellationToken);
        return points.ToDictionary(p => p.Key, p => Downsample(p.Value, buckets));
    }

    /// <summary>An account's balance in the order its money moved (business time), over the events recorded by <paramref name="knownAt"/>.</summary>
    private async Task<List<BalancePoint>> BusinessTimeLineAsync(AccountId id, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var moves = new List<(DateTimeOffset At, long Version, long Position, decimal Change)>();
        await foreach (var e in reader.ReadStreamAsync(id.StreamId, new StreamReadRange(UntilRecordedAt: knownAt), cancellationToken))
        {
            moves.Add((e.OccurredAt, e.StreamVersion, e.Position, BalanceChange.Of(EventCodec.Decode(e, vault))));
        }

        var balance = 0m;
        return moves.OrderBy(m => m.At).ThenBy(m => m.Version).Select(m => new BalancePoint(m.Position, m.At, balance += m.Change)).ToList();
    }

    /// <summary>First, lowest, highest and last point of each time bucket, in order (the "M4" reduction): a line drawn through them looks like the full one.</summary>
    public static IReadOnlyList<BalancePoint> Downsample(IReadOnlyList<BalancePoint> points, int buckets)
    {
        if (points.Count <= 4 * buckets || buckets < 1) return points;
        var (first, last) = (points[0].At.UtcTicks, points[^1].At.UtcTicks);
        var width = Math.Max(1, (last - first + 1) / buckets);
        var kept = new List<BalancePoint>(4 * buckets);
        foreach (var bucket in points.GroupBy(p => Math.Min(buckets - 1, (p.At.UtcTicks - first) / width)))
        {
            var inBucket = bucket.ToList();
            var keep = new[] { inBucket[0], inBucket.MinBy(p => p.Balance), inBucket.MaxBy(p => p.Balance), inBucket[^1] };
            kept.AddRange(keep.Distinct().OrderBy(p => p.Position));
        }

        return kept;
    }
}
