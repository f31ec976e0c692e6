namespace LedgerExplorer.Core.Projections;

/// <summary>
/// The rows a batch has changed, laid over the committed rows. The projection sees both; only a committed
/// batch is merged into the committed rows, so a rolled-back batch leaves no trace in memory either.
/// </summary>
internal sealed class RowOverlay<TRow>(IReadOnlyDictionary<string, TRow> committed) : IRowSet<TRow> where TRow : IReadModelRow
{
    private readonly Dictionary<string, TRow> _changed = new(StringComparer.Ordinal);
    private readonly List<TRow> _added = [];

    /// <summary>Each changed key's row as it stands now.</summary>
    public IReadOnlyCollection<TRow> Changed => _changed.Values;

    /// <summary>Every row added, in order (for a table that keeps every row).</summary>
    public IReadOnlyList<TRow> Added => _added;

    public IEnumerable<TRow> All => committed.Values.Where(r => !_changed.ContainsKey(r.Key)).Concat(_changed.Values);

    public TRow? Find(string key) => _changed.TryGetValue(key, out var row) || committed.TryGetValue(key, out row) ? row : default;

    public void Add(TRow row)
    {
        _changed[row.Key] = row;
        _added.Add(row);
    }

    public void MergeInto(Dictionary<string, TRow> rows)
    {
        foreach (var (key, row) in _changed) rows[key] = row;
    }
}
