using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Projections.History;

/// <summary>
/// Every state every account has been in: one row per account event, the domain's own fold remembered after each.
/// It makes a temporal read an index lookup instead of a replay — "as of position p" is, per account, the row with
/// the greatest position at or below p — and the log stays the truth: a rebuild writes the same bytes, and a test
/// compares these answers with a full fold at random positions and instants.
/// </summary>
public sealed class HistoryProjection : IProjection<HistoryRow>
{
    public const string ProjectionName = "history";

    public string Name => ProjectionName;

    public IReadModelTable<HistoryRow> Table { get; } = new HistoryTable();

    public IEnumerable<HistoryRow> Apply(ProjectedEvent e, IRowSet<HistoryRow> rows)
    {
        var previous = rows.Find(e.AccountId.Value);
        // The name is irrelevant here (not stored); the fold needs some string to carry.
        // Stryker disable once String : equivalent — the fold carries the name but this row does not keep it (the comment above)
        var state = AccountDecider.Evolve(previous?.ToState("") ?? AccountDecider.Initial, e.Event);
        var view = AccountView.From(e.AccountId, state, e.StreamVersion)!;
        var outOfOrder = previous is not null && (e.OccurredAt < previous.OccurredAt || e.RecordedAt < previous.RecordedAt);
        yield return new HistoryRow(e.Position, view.AccountId, e.StreamVersion, e.RecordedAt, e.OccurredAt, e.Event.GetType().Name,
            view.Status, view.Plan, view.Currency, view.Balance, Erased: view.Owner == PersonalData.Erased, OutOfOrder: outOfOrder);
    }
}
