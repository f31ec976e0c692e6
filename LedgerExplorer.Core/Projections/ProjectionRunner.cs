using System.Diagnostics;
using LedgerExplorer.Core.EventStore;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// Applies a projection to the log in batches. Each batch's rows and the new checkpoint are written in
/// <b>one</b> transaction, and an event at or below the checkpoint is skipped — so a crash, a retry or a
/// redelivery can never apply an event twice or lose one. A projection that throws stops at that event
/// with the error recorded; nothing of its batch is kept.
/// </summary>
public sealed class ProjectionRunner<TRow>(
    IProjection<TRow> projection,
    IEventStoreReader reader,
    ReadModelDatabase database,
    Privacy.IPersonalDataVault vault,
    TimeProvider clock) : IProjectionRunner where TRow : IReadModelRow
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, TRow>? _rows;
    private long _rowsAt; // the checkpoint _rows reflect

    private readonly KeyValuePair<string, object?> _tag = new("projection", projection.Name);

    public string Name => projection.Name;

    public int BatchSize { get; init; } = 2_000;

    /// <summary>A test seam: runs after the batch's rows and checkpoint are written, before the commit.</summary>
    public Func<Task>? BeforeCommit { get; set; }

    public async Task<long> CatchUpAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await CatchUpLockedAsync(progress, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<RebuildResult> RebuildAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var before = Dump();
            var clockwatch = Stopwatch.StartNew();
            using (var connection = database.Open())
            using (var transaction = connection.BeginTransaction())
            {
                Execute(connection, transaction, $"DELETE FROM {projection.Table.TableName}");
                WriteCheckpoint(connection, transaction, 0);
                Execute(connection, transaction, "UPDATE projection_checkpoints SET error_position = NULL, error_message = NULL, error_at = NULL WHERE name = $name");
                transaction.Commit();
            }

            _rows = null;
            var events = await CatchUpLockedAsync(progress, cancellationToken);
            clockwatch.Stop();
            var after = Dump();
            return new RebuildResult(Name, ReadModelDump.Sha256(before), ReadModelDump.Sha256(after), events, _rows?.Count ?? 0, clockwatch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<RedeliveryResult> RedeliverAsync(long position, CancellationToken cancellationToken = default)
    {
        var batch = await reader.ReadAllAsync(position, 1, cancellationToken);
        if (batch.Count == 0 || batch[0].Position != position)
            throw new ArgumentOutOfRangeException(nameof(position), position, "There is no event at that position.");

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var before = Dump();
            var checkpoint = ReadCheckpoint();
            var applied = await ApplyBatchAsync(batch, cancellationToken);
            return new RedeliveryResult(Name, position, checkpoint, applied > 0, ReadModelDump.Sha256(before), ReadModelDump.Sha256(Dump()));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ProjectionStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var head = await reader.ReadHeadPositionAsync(cancellationToken);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position, error_position, error_message, error_at, applied_at, applied_events, applied_lag_ms FROM projection_checkpoints WHERE name = $name";
        command.Parameters.AddWithValue("$name", Name);
        using var row = command.ExecuteReader();
        long checkpoint = 0;
        ProjectionError? error = null;
        AppliedBatch? lastBatch = null;
        if (row.Read())
        {
            checkpoint = row.GetInt64(0);
            if (!row.IsDBNull(1)) error = new ProjectionError(row.GetInt64(1), row.GetString(2), ReadModelFormat.ParseInstant(row.GetString(3)));
            if (!row.IsDBNull(4)) lastBatch = new AppliedBatch(ReadModelFormat.ParseInstant(row.GetString(4)), row.GetInt32(5), row.GetDouble(6));
        }

        // Time lag: how long the oldest event not yet applied has been waiting.
        double lagMs = 0;
        if (head > checkpoint && (await reader.ReadAllAsync(checkpoint + 1, 1, cancellationToken)) is [var oldest])
        {
            lagMs = Math.Max(0, (clock.GetUtcNow() - oldest.RecordedAt).TotalMilliseconds);
        }

        ProjectionMetrics.RecordBehind(Name, Math.Max(0, head - checkpoint));
        return new ProjectionStatus(Name, checkpoint, head, lagMs, error) { LastBatch = lastBatch };
    }

    public string Dump()
    {
        using var connection = database.Open();
        return projection.Table.Dump(connection);
    }

    private async Task<long> CatchUpLockedAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        long applied = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (ReadError() is not null) break; // stopped at an error until rebuilt
            var batch = await reader.ReadAllAsync(ReadCheckpoint() + 1, BatchSize, cancellationToken);
            if (batch.Count == 0) break;
            applied += await ApplyBatchAsync(batch, cancellationToken);
            progress?.Report(batch[^1].Position);
        }

        return applied;
    }

    /// <summary>Applies one batch: rows and checkpoint in one transaction. Returns how many events were applied (not skipped).</summary>
    private async Task<int> ApplyBatchAsync(IReadOnlyList<StoredEvent> batch, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var checkpoint = ReadCheckpoint(connection, transaction); // the truth is the committed checkpoint, read in this transaction

        // The rows cached in memory are only good at the checkpoint they were loaded or written at. If the
        // checkpoint moved under us — another process caught up or rebuilt this read model — load them again.
        if (_rows is not null && _rowsAt != checkpoint) _rows = null;
        var rows = _rows ??= projection.Table.LoadAll(connection, transaction).ToDictionary(r => r.Key, StringComparer.Ordinal);
        _rowsAt = checkpoint;
        var overlay = new RowOverlay<TRow>(rows);
        var last = checkpoint;
        var applied = 0;
        foreach (var stored in batch)
        {
            if (stored.Position <= last) continue; // at or below the checkpoint: already applied, so skip it
            try
            {
                if (ProjectedEvent.From(stored, vault) is { } e)
                {
                    foreach (var row in projection.Apply(e, overlay)) overlay.Put(row);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                transaction.Rollback();
                RecordError(stored.Position, ex);
                throw new ProjectionFailedException(Name, stored.Position, ex);
            }

            last = stored.Position;
            applied++;
        }

        if (last == checkpoint) return 0;

        using (var upsert = projection.Table.PrepareUpsert(connection, transaction))
        {
            foreach (var row in overlay.Changed)
            {
                projection.Table.Bind(upsert, row);
                upsert.ExecuteNonQuery();
            }
        }

        WriteCheckpoint(connection, transaction, last);
        var committing = clock.GetUtcNow();
        var appliedEvents = batch.Where(e => e.Position > checkpoint && e.Position <= last).ToList();
        WriteAppliedBatch(connection, transaction, committing, appliedEvents.Count, appliedEvents.Max(e => (committing - e.RecordedAt).TotalMilliseconds));
        if (BeforeCommit is { } beforeCommit) await beforeCommit();
        transaction.Commit();
        overlay.MergeInto(rows);
        _rowsAt = last;

        // Lag as the metric defines it: from each event's recorded-at to the moment its batch committed.
        var committed = clock.GetUtcNow();
        foreach (var e in appliedEvents) ProjectionMetrics.Lag.Record(Math.Max(0, (committed - e.RecordedAt).TotalMilliseconds), _tag);
        ProjectionMetrics.EventsApplied.Add(appliedEvents.Count, _tag);
        return applied;
    }

    private long ReadCheckpoint()
    {
        using var connection = database.Open();
        return ReadCheckpoint(connection, null);
    }

    private long ReadCheckpoint(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT position FROM projection_checkpoints WHERE name = $name";
        command.Parameters.AddWithValue("$name", Name);
        return command.ExecuteScalar() is long position ? position : 0;
    }

    private void WriteAppliedBatch(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset at, int events, double maxLagMs)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE projection_checkpoints SET applied_at = $at, applied_events = $events, applied_lag_ms = $lag WHERE name = $name";
        command.Parameters.AddWithValue("$name", Name);
        command.Parameters.AddWithValue("$at", ReadModelFormat.Instant(at));
        command.Parameters.AddWithValue("$events", events);
        command.Parameters.AddWithValue("$lag", Math.Max(0, maxLagMs));
        command.ExecuteNonQuery();
    }

    private long? ReadError()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT error_position FROM projection_checkpoints WHERE name = $name";
        command.Parameters.AddWithValue("$name", Name);
        return command.ExecuteScalar() is long position ? position : null;
    }

    private void WriteCheckpoint(SqliteConnection connection, SqliteTransaction transaction, long position)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO projection_checkpoints (name, position) VALUES ($name, $position) " +
                              "ON CONFLICT(name) DO UPDATE SET position = excluded.position";
        command.Parameters.AddWithValue("$name", Name);
        command.Parameters.AddWithValue("$position", position);
        command.ExecuteNonQuery();
    }

    private void RecordError(long position, Exception error)
    {
        _rows = null;
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO projection_checkpoints (name, position, error_position, error_message, error_at) VALUES ($name, 0, $p, $m, $at) " +
                              "ON CONFLICT(name) DO UPDATE SET error_position = excluded.error_position, error_message = excluded.error_message, error_at = excluded.error_at";
        command.Parameters.AddWithValue("$name", Name);
        command.Parameters.AddWithValue("$p", position);
        command.Parameters.AddWithValue("$m", error.Message);
        command.Parameters.AddWithValue("$at", ReadModelFormat.Instant(clock.GetUtcNow()));
        command.ExecuteNonQuery();
    }

    private void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$name", Name);
        command.ExecuteNonQuery();
    }
}
