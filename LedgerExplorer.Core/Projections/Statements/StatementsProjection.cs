using System.Globalization;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Projections.Statements;

/// <summary>
/// Monthly statements per account. It did not exist when the demo history was written: registered
/// later, it starts at checkpoint 0 and builds itself from the replayed log alone.
/// </summary>
public sealed class StatementsProjection : IProjection<StatementRow>
{
    public const string ProjectionName = "statements";

    public string Name => ProjectionName;

    public IReadModelTable<StatementRow> Table { get; } = new StatementsTable();

    public IEnumerable<StatementRow> Apply(ProjectedEvent e, IRowSet<StatementRow> rows)
    {
        var account = e.AccountId.Value;
        var month = e.RecordedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var statement = rows.Find(StatementRow.KeyFor(account, month)) ?? OpenMonth(account, month, e, rows);

        yield return e.Event switch
        {
            MoneyDeposited d => statement with { Credits = statement.Credits + d.Amount, Closing = statement.Closing + d.Amount, Events = statement.Events + 1 },
            MoneyWithdrawn w => statement with { Debits = statement.Debits + w.Amount, Closing = statement.Closing - w.Amount, Events = statement.Events + 1 },
            _ => statement with { Events = statement.Events + 1 },
        };
    }

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
