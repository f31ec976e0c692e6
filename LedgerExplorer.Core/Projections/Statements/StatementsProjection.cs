using System.Globalization;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Projections.Statements;

/// <summary>
/// Monthly statements per account, by the month each event <i>happened</i> in (business time): the statements as they
/// stand now, late postings and reversals included. It did not exist when the demo history was written: registered
/// later, it starts at checkpoint 0 and builds itself from the replayed log alone. (The statement as it was issued,
/// knowing only what had been recorded by then, is a read of the log: <c>StatementReads</c>.)
/// </summary>
public sealed class StatementsProjection : IProjection<StatementRow>
{
    public const string ProjectionName = "statements";

    public string Name => ProjectionName;

    public IReadModelTable<StatementRow> Table { get; } = new StatementsTable();

    public IEnumerable<StatementRow> Apply(ProjectedEvent e, IRowSet<StatementRow> rows)
    {
        var account = e.AccountId.Value;
        var month = MonthOf(e.OccurredAt);
        var statement = rows.Find(StatementRow.KeyFor(account, month)) ?? OpenMonth(account, month, e, rows);
        var change = BalanceChange.Of(e.Event);

        yield return change switch
        {
            > 0 => statement with { Credits = statement.Credits + change, Closing = statement.Closing + change, Events = statement.Events + 1 },
            < 0 => statement with { Debits = statement.Debits - change, Closing = statement.Closing + change, Events = statement.Events + 1 },
            _ => statement with { Events = statement.Events + 1 },
        };

        // Posted late on purpose (a backdated posting, a reversal): every later month of this account already opened
        // with a balance that did not know of it, and moves with it. (Only these look: any other event happens now.)
        // Stryker disable once Logical,Statement : equivalent while the clock does not step back — an event not posted late happens now, so its account has no later month to move (and a change of 0 moves none); StatementsAndHistoryByHandTests kills the rest of this line
        if (!e.Backdated || change == 0m) yield break;
        foreach (var later in rows.All.Where(r => r.AccountId == account && string.CompareOrdinal(r.Month, month) > 0).ToList())
        {
            yield return later with { Opening = later.Opening + change, Closing = later.Closing + change };
        }
    }

    public static string MonthOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A month's first event: the statement opens with the previous statement's closing balance.</summary>
    private static StatementRow OpenMonth(string account, string month, ProjectedEvent e, IRowSet<StatementRow> rows)
    {
        var previous = rows.All
            .Where(r => r.AccountId == account && string.CompareOrdinal(r.Month, month) < 0)
            .MaxBy(r => r.Month, StringComparer.Ordinal);
        var currency = previous?.Currency ?? (e.Event as AccountOpened)?.Currency
            ?? throw new InvalidOperationException($"Account {account} has an event at position {e.Position} but no statement before it.");
        var opening = previous?.Closing ?? 0m;
        return new StatementRow(account, month, currency, opening, 0m, 0m, opening, 0);
    }
}
