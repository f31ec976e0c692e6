namespace LedgerExplorer.Core.Projections;

/// <summary>The rows of a read model as they stand, for a projection to look at (never to change).</summary>
public interface IRowSet<TRow> where TRow : IReadModelRow
{
    TRow? Find(string key);

    IEnumerable<TRow> All { get; }
}
