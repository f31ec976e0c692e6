using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>The one writer connection and its prepared statements. Used under the write gate only.</summary>
internal sealed class SqliteBatchWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _currentVersion;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _insertHash;
    private readonly SqliteCommand _chainTail;
    private readonly SqliteLedgerDatabase _database;
    private readonly string _generation;
    private readonly TimeProvider _clock;

    private SqliteBatchWriter(SqliteConnection connection, SqliteLedgerDatabase database, string generation, TimeProvider clock)
    {
        _connection = connection;
        _database = database;
        _generation = generation;
        _clock = clock;
        _currentVersion = Prepare("SELECT COALESCE(MAX(stream_version), 0) FROM events WHERE stream_id = $stream", "$stream");
        // The position is given, not left to AUTOINCREMENT: it is part of what the event's hash covers, so the writer
        // must know it before the row exists.
        _insert = Prepare(
            "INSERT INTO events (global_position, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at) " +
            "VALUES ($position, $stream, $version, $type, $schema, $data, $metadata, $recorded)",
            "$position", "$stream", "$version", "$type", "$schema", "$data", "$metadata", "$recorded");
        _insertHash = Prepare("INSERT INTO event_hashes (global_position, hash) VALUES ($position, $hash)", "$position", "$hash");
        _chainTail = Prepare(
            "SELECT (SELECT COALESCE(MAX(global_position), 0) FROM events), h.global_position, h.hash, " +
            "(SELECT recorded_at FROM events ORDER BY global_position DESC LIMIT 1) " +
            "FROM (SELECT 1) LEFT JOIN (SELECT global_position, hash FROM event_hashes ORDER BY global_position DESC LIMIT 1) h");
    }

    public static SqliteBatchWriter Open(SqliteLedgerDatabase database, TimeProvider clock)
    {
        var generation = database.ReadGeneration(); // before the connection: a log replaced in between is caught at the first batch
        var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // busy_timeout: another process writing (the load command beside the App) is waited for by SQLite's own short
        // back-off; without it Microsoft.Data.Sqlite retries after 150 ms sleeps.
        // Stryker disable once String : what these buy is not seen in one process — synchronous=FULL a power cut's durability, busy_timeout another process's lock (Microsoft.Data.Sqlite retries a busy database itself)
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        // Stryker disable once Statement : the same — not running these pragmas is not seen in one process (a power cut, another process's lock)
        pragma.ExecuteNonQuery();
        return new SqliteBatchWriter(connection, database, generation, clock);
    }

    /// <summary>
    /// Writes a batch in one transaction. Each append is checked against its stream's version as it stands
    /// after the appends before it in the batch; a refused append writes nothing and leaves its neighbours
    /// untouched. Outcomes are set here; callers are answered only after the commit. (No SAVEPOINT per
    /// append: refusals are decided before any insert, and an insert fails only when the database itself
    /// does — which must fail the whole, uncommitted batch. A savepoint would also make SQLite copy every
    /// page it touches into a sub-journal: measured, it halved the rate of 1,000-event appends.)
    /// </summary>
    public void Write(List<PendingAppend> batch)
    {
        // Another process started the ledger over since this connection was opened: it points at the discarded file.
        if (_database.ReadGeneration() != _generation) throw new LedgerReplacedException(_database.Path);

        // BEGIN IMMEDIATE: take the write lock before reading versions, so no other process can
        // append between our check and our insert (a deferred transaction would only find out at commit).
        using var transaction = _connection.BeginTransaction(deferred: false);
        _currentVersion.Transaction = transaction;
        _insert.Transaction = transaction;
        _insertHash.Transaction = transaction;
        _chainTail.Transaction = transaction;
        var (chain, lastRecorded) = ReadChainTail();
        // Transaction time: stamped here, inside the write lock, from the store's clock — never taken from the caller —
        // and never earlier than the event before it (a clock stepped back by NTP must not make the log go back in time).
        var now = _clock.GetUtcNow();
        // Stryker disable once Equality : equivalent — where the two are equal, either is the same instant
        var recordedAt = RecordedAtFormat.Format(lastRecorded is { } last && last > now ? last : now);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pending in batch)
        {
            if (!versions.TryGetValue(pending.StreamId, out var actual))
            {
                _currentVersion.Parameters[0].Value = pending.StreamId;
                actual = (long)_currentVersion.ExecuteScalar()!;
            }

            if (actual != pending.Expected.Value)
            {
                pending.Outcome = new ConcurrencyException(pending.StreamId, pending.Expected.Value, actual);
                versions[pending.StreamId] = actual;
                continue;
            }

            pending.Outcome = Insert(pending, actual, recordedAt, ref chain);
            versions[pending.StreamId] = actual + pending.Events.Count;
        }

        transaction.Commit();
    }

    /// <summary>The last position and hash of the chain, which must end where the log ends (inside the write lock).</summary>
    private ((long Position, byte[] Hash) Chain, DateTimeOffset? LastRecorded) ReadChainTail()
    {
        using var reader = _chainTail.ExecuteReader();
        reader.Read();
        var head = reader.GetInt64(0);
        var chained = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        if (head != chained) throw new LogIntegrityException(head, chained);
        DateTimeOffset? lastRecorded = reader.IsDBNull(3) ? null : RecordedAtFormat.Parse(reader.GetString(3));
        return ((head, chained == 0 ? EventHash.Genesis.ToArray() : (byte[])reader.GetValue(2)), lastRecorded);
    }

    private AppendResult Insert(PendingAppend pending, long version, string recordedAt, ref (long Position, byte[] Hash) chain)
    {
        var parameters = _insert.Parameters;
        foreach (var e in pending.Events)
        {
            var position = chain.Position + 1;
            var metadata = EventMetadataJson.Encode(e.Metadata);
            parameters[0].Value = position;
            parameters[1].Value = pending.StreamId;
            parameters[2].Value = ++version;
            parameters[3].Value = e.EventType;
            parameters[4].Value = e.SchemaVersion;
            parameters[5].Value = e.Data;
            parameters[6].Value = metadata;
            parameters[7].Value = recordedAt;
            _insert.ExecuteNonQuery();

            // Chained in global order, in the same transaction: the event and its link commit together or not at all.
            var hash = EventHash.Compute(chain.Hash, position, pending.StreamId, version, e.EventType, e.SchemaVersion, recordedAt, metadata, e.Data);
            _insertHash.Parameters[0].Value = position;
            _insertHash.Parameters[1].Value = hash;
            _insertHash.ExecuteNonQuery();
            chain = (position, hash);
        }

        return new AppendResult(version, chain.Position, RecordedAtFormat.Parse(recordedAt));
    }

    // Stryker disable all : closing the commands and the connection; left open they are leaked handles, which nothing in the process can tell from closed ones (the connection goes back to SQLite's pool either way)
    public void Dispose()
    {
        _currentVersion.Dispose();
        _insert.Dispose();
        _insertHash.Dispose();
        _chainTail.Dispose();
        _connection.Dispose();
    }
    // Stryker restore all

    private SqliteCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        // Stryker disable once Statement : preparing is for speed; unprepared, the statement is compiled on its first run
        command.Prepare();
        return command;
    }
}
