using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>The read half of the SQLite log: pooled connections, never blocking the writer (WAL).</summary>
internal sealed class SqliteEventReader(SqliteLedgerDatabase database) : IEventStoreReader, ICommandKeyLookup, IEventChain
{
    internal const string Columns = "global_position, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at";

    public async IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
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

        // Stryker disable once String : SQLite happens to walk the (stream_id, stream_version) index for this query, so the rows come in version order without the clause; the order is still asked for, as SQLite does not promise it
        command.CommandText = sql.Append(" ORDER BY stream_version").ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // SQLite reads are synchronous underneath; Read() spares an allocation per row over ReadAsync().
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Within a stream, positions rise with versions: the first row past the bound ends the read.
            // (Filtering global_position in SQL would scan the rest of the stream through the version index.)
            if (range.UntilPosition is { } lastPosition && reader.GetInt64(0) > lastPosition) yield break;
            if (range.AfterPosition is { } after && reader.GetInt64(0) <= after) continue;
            yield return ReadRow(reader, streamId);
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM events WHERE global_position >= $from ORDER BY global_position LIMIT $max";
        command.Parameters.AddWithValue("$from", fromPosition);
        command.Parameters.AddWithValue("$max", maxCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // Stryker disable once Linq : a list's starting capacity; it grows as needed
        var events = new List<StoredEvent>(Math.Min(maxCount, 4096));
        while (reader.Read())
        {
            events.Add(ReadRow(reader, null));
        }

        return events;
    }

    public async Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(global_position), 0) FROM events";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Across the whole log, through the partial expression index on the metadata's commandKey.</summary>
    public async Task<StoredEvent?> FindFirstAsync(string commandKey, string streamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM events WHERE json_extract(metadata, '$.commandKey') = $key ORDER BY global_position LIMIT 1";
        command.Parameters.AddWithValue("$key", commandKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return reader.Read() ? ReadRow(reader, null) : null;
    }

    public async Task<IReadOnlyList<ChainLink>> ReadChainAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT global_position, hash FROM event_hashes WHERE global_position >= $from ORDER BY global_position LIMIT $max";
        command.Parameters.AddWithValue("$from", fromPosition);
        command.Parameters.AddWithValue("$max", maxCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // Stryker disable once Linq : a list's starting capacity; it grows as needed
        var links = new List<ChainLink>(Math.Min(maxCount, 4096));
        while (reader.Read())
        {
            links.Add(new ChainLink(reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return links;
    }

    public async Task<IReadOnlyList<ChainedEvent>> ReadChainedAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {QualifiedColumns}, h.hash FROM events e LEFT JOIN event_hashes h ON h.global_position = e.global_position " +
                              "WHERE e.global_position >= $from ORDER BY e.global_position LIMIT $max";
        command.Parameters.AddWithValue("$from", fromPosition);
        command.Parameters.AddWithValue("$max", maxCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // Stryker disable once Linq : a list's starting capacity; it grows as needed
        var rows = new List<ChainedEvent>(Math.Min(maxCount, 4096));
        while (reader.Read())
        {
            rows.Add(new ChainedEvent(ReadRow(reader, null), reader.IsDBNull(8) ? null : (byte[])reader.GetValue(8)));
        }

        return rows;
    }

    // Stryker disable once String : a static initializer, run once per test process — Stryker's MTP runner keeps one process across mutants (stryker-net#3742)
    private static readonly string QualifiedColumns = string.Join(", ", Columns.Split(", ").Select(c => "e." + c));

    private string? _generation;

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // Pooled connections hold the file they were opened on: if the ledger was started over (by any process), let them go.
        var generation = database.ReadGeneration();
        // Stryker disable once all : seen only from another process — in one process the start-over clears this file's pool itself (DeleteFiles), and a child process never runs the active mutant
        if (_generation is not null && generation != _generation) database.ReleaseConnections();
        _generation = generation;
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>One row of <see cref="Columns"/> as a <see cref="StoredEvent"/>.</summary>
    internal static StoredEvent ReadRow(SqliteDataReader reader, string? knownStreamId) => new(
        Position: reader.GetInt64(0),
        // Stryker disable once NullCoalescing : equivalent — reading one stream, the row's id is the one asked for
        StreamId: knownStreamId ?? reader.GetString(1), // reading one stream: every row has the id we asked for
        StreamVersion: reader.GetInt64(2),
        EventType: reader.GetString(3),
        SchemaVersion: reader.GetInt32(4),
        Data: reader.GetString(5),
        Metadata: reader.GetString(6),
        RecordedAt: RecordedAtFormat.Parse(reader.GetString(7)));
}
