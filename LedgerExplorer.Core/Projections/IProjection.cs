namespace LedgerExplorer.Core.Projections;

/// <summary>
/// What a projection computes, separate from when and where it runs: a pure function from one event and
/// the rows as they stand to the rows that event changes. The runner decides the batching, the
/// transaction and the checkpoint; the table decides how rows are stored.
/// </summary>
public interface IProjection<TRow> where TRow : IReadModelRow
{
    string Name { get; }

    IReadModelTable<TRow> Table { get; }

    IEnumerable<TRow> Apply(ProjectedEvent e, IRowSet<TRow> rows);
}
