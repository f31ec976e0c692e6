using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Projections;

/// <summary>How one read model's rows are stored in the read-model database: load, upsert, clear, and a canonical dump.</summary>
public interface IReadModelTable<TRow> where TRow : IReadModelRow
{
    string TableName { get; }

    /// <summary>
    /// False (the usual read model): a row is replaced by its key, and a batch writes each changed key once, as it
    /// stands at the batch's end. True (a history): every row a batch puts is written, in order, even several for one
    /// key; the key then only names "the latest row" that <see cref="IRowSet{TRow}.Find"/> and <see cref="LoadAll"/> give.
    /// </summary>
    // Stryker disable once Boolean : for a table that replaces rows by key, writing every row a batch puts, in order, ends at the same rows as writing each changed key once: only the number of writes differs
    bool KeepsEveryRow => false;

    /// <summary>The rows a projection folds on, by key (for a history: each key's latest row).</summary>
    IEnumerable<TRow> LoadAll(SqliteConnection connection, SqliteTransaction? transaction = null);

    /// <summary>A prepared upsert for <paramref name="transaction"/>; <see cref="Bind"/> fills it for one row.</summary>
    SqliteCommand PrepareUpsert(SqliteConnection connection, SqliteTransaction transaction);

    void Bind(SqliteCommand upsert, TRow row);

    /// <summary>
    /// Every row in key order, one line each, values in invariant formatting: the same rows always give the
    /// same bytes, so two dumps can be compared byte for byte (and hashed).
    /// </summary>
    string Dump(SqliteConnection connection);
}
