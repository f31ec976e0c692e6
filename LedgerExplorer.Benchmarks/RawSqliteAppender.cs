using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Serialization;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// The yardstick: a bare Microsoft.Data.Sqlite INSERT loop on the same schema and pragmas (a file of its own beside the store's)
/// (WAL, synchronous=FULL, one prepared statement, one transaction per batch) — with no version check,
/// no concurrency control and nothing else. The store is measured as a fraction of this.
/// </summary>
internal sealed class RawSqliteAppender : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;

    public RawSqliteAppender(SqliteLedgerDatabase database, string synchronous = "FULL")
    {
        _connection = new SqliteConnection(database.ConnectionString);
        _connection.Open();
        using (var pragma = _connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA synchronous={synchronous};";
            pragma.ExecuteNonQuery();
        }

        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at) " +
                              "VALUES ($s, $v, $t, $sv, $d, $m, $r)";
        foreach (var name in new[] { "$s", "$v", "$t", "$sv", "$d", "$m", "$r" }) _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        _insert.Prepare();
    }

    /// <summary>Appends one batch in one transaction; the caller tracks versions.</summary>
    public void Append(string stream, long fromVersion, IReadOnlyList<EventData> events)
    {
        using var transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        var version = fromVersion;
        foreach (var e in events)
        {
            p[0].Value = stream;
            p[1].Value = ++version;
            p[2].Value = e.EventType;
            p[3].Value = e.SchemaVersion;
            p[4].Value = e.Data;
            p[5].Value = EventMetadataJson.Encode(e.Metadata);
            p[6].Value = RecordedAtFormat.Format(e.Metadata.OccurredAt);
            _insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
    }
}
