using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends run on one dedicated writer connection
/// with prepared statements and <c>synchronous=FULL</c> (a ledger must survive power loss); reads use
/// pooled connections and never block the writer.
/// </summary>
public sealed class SqliteEventStore(SqliteLedgerDatabase database) : IEventStore, IAsyncDisposable
{
    private const string Columns = "global_position, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at";

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private Writer? _writer;

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            _writer ??= Writer.Open(database.ConnectionString);
            return _writer.Append(streamId, expectedVersion, events);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {Columns} FROM events WHERE stream_id = $stream AND stream_version >= $from");
        command.Parameters.AddWithValue("$stream", streamId);
        command.Parameters.AddWithValue("$from", range.FromVersion);
        if (range.ToVersion is { } to)
        {
            sql.Append(" AND stream_version <= $to");
            command.Parameters.AddWithValue("$to", to);
        }

        if (range.UntilRecordedAt is { } until)
        {
            sql.Append(" AND recorded_at <= $until");
            command.Parameters.AddWithValue("$until", RecordedAtFormat.Format(until));
        }

        command.CommandText = sql.Append(" ORDER BY stream_version").ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // SQLite reads are synchronous underneath; Read() spares an allocation per row over ReadAsync().
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Within a stream, positions rise with versions: the first row past the bound ends the read.
            // (Filtering global_position in SQL would scan the rest of the stream through the version index.)
            if (range.UntilPosition is { } lastPosition && reader.GetInt64(0) > lastPosition) yield break;
            yield return ReadRow(reader, streamId);
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM events WHERE global_position >= $from ORDER BY global_position LIMIT $max";
        command.Parameters.AddWithValue("$from", fromPosition);
        command.Parameters.AddWithValue("$max", maxCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<StoredEvent>(Math.Min(maxCount, 4096));
        while (reader.Read())
        {
            events.Add(ReadRow(reader, null));
        }

        return events;
    }

    public async Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(global_position), 0) FROM events";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Closes the writer and holds every append back until the returned lease is disposed, so the files
    /// can be replaced (a fresh demo ledger). Reads are not held back.
    /// </summary>
    public async Task<IAsyncDisposable> PauseWritesAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        _writer?.Dispose();
        _writer = null;
        return new Lease(_writeGate);
    }

    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync();
        _writer?.Dispose();
        _writer = null;
        _writeGate.Release();
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static StoredEvent ReadRow(SqliteDataReader reader, string? knownStreamId) => new(
        Position: reader.GetInt64(0),
        StreamId: knownStreamId ?? reader.GetString(1), // reading one stream: every row has the id we asked for
        StreamVersion: reader.GetInt64(2),
        EventType: reader.GetString(3),
        SchemaVersion: reader.GetInt32(4),
        Data: reader.GetString(5),
        Metadata: reader.GetString(6),
        RecordedAt: RecordedAtFormat.Parse(reader.GetString(7)));

    private sealed class Lease(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The one writer connection and its prepared statements. Used under the write gate only.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _currentVersion;
        private readonly SqliteCommand _insert;

        private Writer(SqliteConnection connection)
        {
            _connection = connection;
            _currentVersion = Prepare("SELECT COALESCE(MAX(stream_version), 0) FROM events WHERE stream_id = $stream", "$stream");
            _insert = Prepare(
                "INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at) " +
                "VALUES ($stream, $version, $type, $schema, $data, $metadata, $recorded) RETURNING global_position",
                "$stream", "$version", "$type", "$schema", "$data", "$metadata", "$recorded");
        }

        public static Writer Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=FULL;";
            pragma.ExecuteNonQuery();
            return new Writer(connection);
        }

        public AppendResult Append(string streamId, ExpectedVersion expected, IReadOnlyList<EventData> events)
        {
            // BEGIN IMMEDIATE: take the write lock before reading the version, so no other process can
            // append between our check and our insert (a deferred transaction would only find out at commit).
            using var transaction = _connection.BeginTransaction(deferred: false);
            _currentVersion.Transaction = transaction;
            _currentVersion.Parameters[0].Value = streamId;
            var actual = (long)_currentVersion.ExecuteScalar()!;
            if (actual != expected.Value)
            {
                throw new ConcurrencyException(streamId, expected.Value, actual);
            }

            _insert.Transaction = transaction;
            var parameters = _insert.Parameters;
            var version = actual;
            long position = 0;
            foreach (var e in events)
            {
                parameters[0].Value = streamId;
                parameters[1].Value = ++version;
                parameters[2].Value = e.EventType;
                parameters[3].Value = e.SchemaVersion;
                parameters[4].Value = e.Data;
                parameters[5].Value = Serialization.EventCodec.EncodeMetadata(e.Metadata);
                parameters[6].Value = RecordedAtFormat.Format(e.Metadata.RecordedAt);
                position = (long)_insert.ExecuteScalar()!;
            }

            transaction.Commit();
            return new AppendResult(version, position);
        }

        public void Dispose()
        {
            _currentVersion.Dispose();
            _insert.Dispose();
            _connection.Dispose();
        }

        private SqliteCommand Prepare(string sql, params string[] parameterNames)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }
}
