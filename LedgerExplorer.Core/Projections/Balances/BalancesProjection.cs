using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Projections.Balances;

/// <summary>Each account's current balance, plan and status: the domain's own fold, <see cref="AccountDecider.Evolve"/>, stored as a row.</summary>
public sealed class BalancesProjection : IProjection<BalanceRow>
{
    public const string ProjectionName = "balances";

    public string Name => ProjectionName;

    public IReadModelTable<BalanceRow> Table { get; } = new BalancesTable();

    public IEnumerable<BalanceRow> Apply(ProjectedEvent e, IRowSet<BalanceRow> rows)
    {
        var state = rows.Find(e.AccountId.Value)?.ToState() ?? AccountDecider.Initial;
        var view = AccountView.From(e.AccountId, AccountDecider.Evolve(state, e.Event), e.StreamVersion)!;
        yield return new BalanceRow(view.AccountId, view.Owner, view.Plan, view.Currency, view.Balance, view.Status, e.StreamVersion, e.Position, e.RecordedAt);
    }
}
