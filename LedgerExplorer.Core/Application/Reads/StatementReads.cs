using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Core.Application.Reads;

/// <summary>One money movement on a statement: what it was, when it happened and when the ledger learned it.</summary>
public sealed record StatementLine(
    long Position, Guid EventId, string Kind, decimal BalanceChange, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string Actor, string? Reference, string? Reason, Guid? Reverses);

/// <summary>A month's statement as the ledger knew it at <see cref="KnownAt"/> (null: as it stands now).</summary>
public sealed record Statement(string Month, string Currency, DateTimeOffset? KnownAt, decimal Opening, decimal Credits, decimal Debits, decimal Closing, IReadOnlyList<StatementLine> Lines);

/// <summary>
/// A month's statement as issued beside the same statement now, and what came between: the late postings and reversals
/// recorded after it went out that happened in the month (they change its lines) or before it (they change its opening).
/// </summary>
/// <param name="IssuedAt">When it went out: the recorded-at of its <see cref="StatementIssued"/> event, or (never issued) the month's last instant.</param>
public sealed record StatementComparison(string AccountId, string Month, DateTimeOffset IssuedAt, bool Issued, Statement AsIssued, Statement AsNow, IReadOnlyList<StatementLine> Differences);

/// <summary>
/// Statements on both time axes, read from one account's stream (bounded by its length): the month is business time
/// (the events that happened in it), "as issued" is transaction time (only the events recorded by the moment it went out).
/// </summary>
public sealed class StatementReads(IEventStoreReader reader, IPersonalDataVault vault)
{
    /// <summary>An account's money movements with both their times (reversed ones marked), and when each month's statement went out; null for an account never opened.</summary>
    /// <summary>
    /// An account's money movements with both their times (reversed ones marked), when it opened and when each month's
    /// statement went out; null for an account never opened. The one read of an account's stream for its time-bound
    /// facts: the statements, the charts' business-time lines and the decider's timeline all start from it.
    /// </summary>
    public sealed record AccountLines(string Currency, DateTimeOffset OpenedAt, IReadOnlyList<StatementLine> Lines, IReadOnlyDictionary<string, DateTimeOffset> Issued)
    {
        private readonly Dictionary<Guid, StatementLine> _reversals = Lines.Where(l => l.Reverses is not null).ToDictionary(l => l.Reverses!.Value);

        /// <summary>The months with a movement or an issued statement, newest first.</summary>
        public IReadOnlyList<string> Months => Lines.Select(l => StatementsMonth(l.OccurredAt)).Concat(Issued.Keys).Distinct().OrderDescending(StringComparer.Ordinal).ToList();

        /// <summary>The reversal that cancelled a movement, if one did.</summary>
        public StatementLine? ReversalOf(Guid eventId) => _reversals.GetValueOrDefault(eventId);

        private static string StatementsMonth(DateTimeOffset at) => Projections.Statements.StatementsProjection.MonthOf(at);
    }

    public async Task<AccountLines?> ReadLinesAsync(AccountId id, CancellationToken cancellationToken = default)
    {
        (string Currency, DateTimeOffset At)? opened = null;
        var issued = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var lines = new List<StatementLine>();
        await foreach (var stored in reader.ReadStreamAsync(id.StreamId, StreamReadRange.All, cancellationToken))
        {
            var metadata = EventMetadataJson.Decode(stored.Metadata, stored.RecordedAt);
            var e = EventCodec.Decode(stored, vault);
            switch (e)
            {
                case AccountOpened o:
                    opened = (o.Currency, metadata.OccurredAt);
                    break;
                case StatementIssued statement:
                    issued.TryAdd(statement.Month, stored.RecordedAt);
                    break;
                case MoneyDeposited or MoneyWithdrawn or TransactionReversed:
                    var (kind, reference, reverses) = e switch
                    {
                        MoneyDeposited d => ("deposit", d.Reference, (Guid?)null),
                        MoneyWithdrawn w => ("withdrawal", w.Reference, null),
                        TransactionReversed r => ("reversal", (string?)null, r.EventId),
                        _ => throw new InvalidOperationException(),
                    };
                    lines.Add(new StatementLine(stored.Position, metadata.EventId, kind, BalanceChange.Of(e), metadata.OccurredAt, stored.RecordedAt, metadata.Actor, reference, metadata.Reason, reverses));
                    break;
            }
        }

        return opened is { } o2 ? new AccountLines(o2.Currency, o2.At, lines, issued) : null;
    }

    public async Task<StatementComparison?> CompareAsync(AccountId id, string month, CancellationToken cancellationToken = default) =>
        await ReadLinesAsync(id, cancellationToken) is { } account ? Compare(id, month, account) : null;

    /// <summary>The month's statement as issued (known at its StatementIssued's recorded-at, or at the month's end) beside the statement now.</summary>
    public static StatementComparison Compare(AccountId id, string month, AccountLines account)
    {
        if (!AccountTimeline.TryParseMonth(month, out var start)) throw new ArgumentException($"'{month}' is not a month (yyyy-MM).", nameof(month));
        var end = start.AddMonths(1);
        var issued = account.Issued.TryGetValue(month, out var at);
        var knownAt = issued ? at : end.AddTicks(-1);
        var asIssued = Cut(month, account.Currency, start, end, account.Lines, knownAt);
        var asNow = Cut(month, account.Currency, start, end, account.Lines, null);
        var differences = account.Lines.Where(l => l.RecordedAt > knownAt && l.OccurredAt < end).ToList();
        return new StatementComparison(id.Value, month, knownAt, issued, asIssued, asNow, differences);
    }

    /// <summary>The statement over the lines recorded by <paramref name="knownAt"/>: opened with what happened before the month, then the month's lines in business-time order.</summary>
    public static Statement Cut(string month, string currency, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<StatementLine> lines, DateTimeOffset? knownAt)
    {
        var known = lines.Where(l => knownAt is not { } k || l.RecordedAt <= k).ToList();
        var opening = known.Where(l => l.OccurredAt < start).Sum(l => l.BalanceChange);
        var inMonth = known.Where(l => l.OccurredAt >= start && l.OccurredAt < end).OrderBy(l => l.OccurredAt).ThenBy(l => l.Position).ToList();
        var credits = inMonth.Where(l => l.BalanceChange > 0).Sum(l => l.BalanceChange);
        var debits = -inMonth.Where(l => l.BalanceChange < 0).Sum(l => l.BalanceChange);
        return new Statement(month, currency, knownAt, opening, credits, debits, opening + credits - debits, inMonth);
    }
}
