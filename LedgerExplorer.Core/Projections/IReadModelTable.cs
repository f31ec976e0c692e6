using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Projections;

/// <summary>How one read model's rows are stored in the read-model database: load, upsert, clear, and a canonical dump.</summary>
public interface IReadModelTable<TRow> where TRow : IReadModelRow
{
    string TableName { get; }

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
