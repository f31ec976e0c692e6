using System.Globalization;

namespace LedgerExplorer.Core.Domain;

/// <summary>
/// What the decider needs, beyond the folded state, to judge a command about business time: today's date, when the
/// account opened, its postings with the times they happened, and the statements it has issued. Gathered from the
/// account's stream by the shell (only for the commands that ask about time) and handed in, so the rules stay pure.
/// </summary>
public sealed record AccountTimeline(DateTimeOffset Now, DateTimeOffset? OpenedAt, IReadOnlyList<Posting> Postings, IReadOnlySet<string> IssuedStatements)
{
    /// <summary>For a command that asks nothing about time: only "now".</summary>
    public static AccountTimeline At(DateTimeOffset now) => new(now, null, [], System.Collections.Frozen.FrozenSet<string>.Empty);

    public Posting? Find(Guid eventId) => Postings.FirstOrDefault(p => p.EventId == eventId);

    /// <summary>
    /// The lowest balance the account would have had from <paramref name="occurredAt"/> on, had
    /// <paramref name="change"/> been posted then: the running balance in business-time order over the postings still
    /// standing (reversed ones excluded), from that moment through today. (With nothing posted after it: the balance
    /// then, plus the change.)
    /// </summary>
    public decimal LowestBalanceFrom(DateTimeOffset occurredAt, decimal change)
    {
        var standing = Postings.Where(p => p.ReversedBy is null).OrderBy(p => p.OccurredAt).ThenBy(p => p.Position).ToList();
        var running = standing.Where(p => p.OccurredAt <= occurredAt).Sum(p => p.BalanceChange) + change;
        var lowest = running;
        foreach (var later in standing.Where(p => p.OccurredAt > occurredAt))
        {
            running += later.BalanceChange;
            lowest = Math.Min(lowest, running);
        }

        return lowest;
    }

    /// <summary>A calendar month, "yyyy-MM" (UTC): its first instant. A statement covers business time from it to the next month's.</summary>
    public static bool TryParseMonth(string month, out DateTimeOffset start) =>
        // Stryker disable once Bitwise : equivalent where the machine's zone is UTC (this one and CI): the styles only matter elsewhere
        DateTimeOffset.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start);
}

/// <summary>One deposit or withdrawal as it stands: where it is in the log, its effect on the balance, when it happened, and the reversal that cancelled it, if any.</summary>
public sealed record Posting(Guid EventId, long Position, decimal BalanceChange, DateTimeOffset OccurredAt, Guid? ReversedBy)
{
    // Stryker disable once Equality : equivalent — a posting never changes the balance by 0 (AccountRules.CheckAmount refuses a zero amount)
    public bool IsDeposit => BalanceChange > 0;

    public decimal Amount => Math.Abs(BalanceChange);
}
