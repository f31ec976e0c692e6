using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// One projection's row in <c>projection_checkpoints</c>: the last global position applied (its progress), the
/// error it stopped at, and what its last batch did. Written in the batch's own transaction, so rows and
/// checkpoint can never disagree.
/// </summary>
public sealed class CheckpointStore(ReadModelDatabase database, string name, TimeProvider clock)
{
    public long Read()
    {
        using var connection = database.Open();
        return Read(connection, null);
    }

    public long Read(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Command(connection, transaction, "SELECT position FROM projection_checkpoints WHERE name = $name");
        return command.ExecuteScalar() is long position ? position : 0;
    }

    public void Write(SqliteConnection connection, SqliteTransaction transaction, long position)
    {
        using var command = Command(connection, transaction,
            "INSERT INTO projection_checkpoints (name, position) VALUES ($name, $position) ON CONFLICT(name) DO UPDATE SET position = excluded.position");
        command.Parameters.AddWithValue("$position", position);
        command.ExecuteNonQuery();
    }

    /// <summary>Forgets the poison event it stopped at and the transient failures it was retrying: the rows were just rebuilt.</summary>
    public void ClearError(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction,
            "UPDATE projection_checkpoints SET error_position = NULL, error_message = NULL, error_at = NULL, retry_count = 0, retry_message = NULL, retry_at = NULL WHERE name = $name");
        command.ExecuteNonQuery();
    }

    public void WriteAppliedBatch(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset at, int events, double maxLagMs)
    {
        using var command = Command(connection, transaction,
            "UPDATE projection_checkpoints SET applied_at = $at, applied_events = $events, applied_lag_ms = $lag, retry_count = 0, retry_message = NULL, retry_at = NULL WHERE name = $name");
        command.Parameters.AddWithValue("$at", ReadModelFormat.Instant(at));
        command.Parameters.AddWithValue("$events", events);
        command.Parameters.AddWithValue("$lag", Math.Max(0, maxLagMs));
        command.ExecuteNonQuery();
    }

    /// <summary>The position the projection stopped at, or null when it is not stopped.</summary>
    public long? ReadError()
    {
        using var connection = database.Open();
        using var command = Command(connection, null, "SELECT error_position FROM projection_checkpoints WHERE name = $name");
        return command.ExecuteScalar() is long position ? position : null;
    }

    public void RecordError(long position, Exception error)
    {
        using var connection = database.Open();
        using var command = Command(connection, null,
            "INSERT INTO projection_checkpoints (name, position, error_position, error_message, error_at) VALUES ($name, 0, $p, $m, $at) " +
            "ON CONFLICT(name) DO UPDATE SET error_position = excluded.error_position, error_message = excluded.error_message, error_at = excluded.error_at");
        command.Parameters.AddWithValue("$p", position);
        command.Parameters.AddWithValue("$m", error.Message);
        command.Parameters.AddWithValue("$at", ReadModelFormat.Instant(clock.GetUtcNow()));
        command.ExecuteNonQuery();
    }

    /// <summary>Counts a transient failure (best effort: the database may be what is failing). Cleared by the next batch that commits.</summary>
    public void RecordRetry(Exception error)
    {
        try
        {
            using var connection = database.Open();
            using var command = Command(connection, null,
                "INSERT INTO projection_checkpoints (name, position, retry_count, retry_message, retry_at) VALUES ($name, 0, 1, $m, $at) " +
                "ON CONFLICT(name) DO UPDATE SET retry_count = retry_count + 1, retry_message = excluded.retry_message, retry_at = excluded.retry_at");
            command.Parameters.AddWithValue("$m", $"{error.GetType().Name}: {error.Message}");
            command.Parameters.AddWithValue("$at", ReadModelFormat.Instant(clock.GetUtcNow()));
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (TransientFailure.Is(e))
        {
            // Nowhere to write it just now; the projector's log still says it.
        }
    }

    /// <summary>Everything the row says: checkpoint, the error it stopped at, the last batch.</summary>
    public (long Checkpoint, ProjectionError? Error, AppliedBatch? LastBatch, ProjectionRetry? Retry) ReadRow()
    {
        using var connection = database.Open();
        using var command = Command(connection, null,
            "SELECT position, error_position, error_message, error_at, applied_at, applied_events, applied_lag_ms, retry_count, retry_message, retry_at FROM projection_checkpoints WHERE name = $name");
        using var row = command.ExecuteReader();
        if (!row.Read()) return (0, null, null, null);
        var error = row.IsDBNull(1) ? null : new ProjectionError(row.GetInt64(1), row.GetString(2), ReadModelFormat.ParseInstant(row.GetString(3)));
        var lastBatch = row.IsDBNull(4) ? null : new AppliedBatch(ReadModelFormat.ParseInstant(row.GetString(4)), row.GetInt32(5), row.GetDouble(6));
        var retry = row.IsDBNull(8) ? null : new ProjectionRetry(row.GetInt32(7), row.GetString(8), ReadModelFormat.ParseInstant(row.GetString(9))); // a retry's message is set and cleared with its count
        return (row.GetInt64(0), error, lastBatch, retry);
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$name", name);
        return command;
    }
}
