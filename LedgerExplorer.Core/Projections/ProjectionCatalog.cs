namespace LedgerExplorer.Core.Projections;

/// <summary>Every registered projection, by name.</summary>
public sealed class ProjectionCatalog(IEnumerable<IProjectionRunner> runners)
{
    public IReadOnlyList<IProjectionRunner> All { get; } = runners.ToList();

    public IProjectionRunner? Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
