namespace LedgerExplorer.Core.Projections;

/// <summary>One row of a read model, identified by <see cref="Key"/> within its table.</summary>
public interface IReadModelRow
{
    string Key { get; }
}
