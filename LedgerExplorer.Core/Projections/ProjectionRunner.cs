using System.Diagnostics;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// Applies a projection to the log in batches. Each batch's rows and the new checkpoint are written in
/// <b>one</b> transaction, and an event at or below the checkpoint is skipped — so a crash, a retry or a
/// redelivery can never apply an event twice or lose one. A projection that throws stops at that event
/// with the error recorded; nothing of its batch is kept.
/// </summary>
/// <param name="beforeCommit">A test seam: runs after a batch's rows and checkpoint are written, before the commit (to inject a failure there).</param>
public sealed class ProjectionRunner<TRow>(
    IProjection<TRow> projection,
    IEventStoreReader reader,
    ReadModelDatabase database,
    Privacy.IPersonalDataVault vault,
    TimeProvider clock,
    Func<Task>? beforeCommit = null) : IProjectionRunner where TRow : IReadModelRow
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CheckpointStore _checkpoints = new(database, projection.Name, clock);
    private Dictionary<string, TRow>? _rows;
    private long _rowsAt; // the checkpoint _rows reflect

    private readonly KeyValuePair<string, object?> _tag = new("projection", projection.Name);

    public string Name => projection.Name;

    public int BatchSize { get; init; } = 2_000;

    /// <summary>
    /// Applies the log from checkpoint + 1. A transient failure (<see cref="TransientFailure"/>) is counted on the
    /// checkpoint row and thrown for the caller to retry with back-off; only a poison event stops the projection.
    /// </summary>
    public async Task<long> CatchUpAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await CatchUpLockedAsync(progress, cancellationToken);
        }
        catch (Exception e) when (TransientFailure.Is(e))
        {
            _rows = null; // whatever was cached may be from a batch that did not commit
            _checkpoints.RecordRetry(e);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Replays the whole log into a fresh copy and switches to it atomically (<see cref="ShadowRebuild{TRow}"/>): readers never see a half-built read model.</summary>
    public async Task<RebuildResult> RebuildAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var before = Dump();
            var clockwatch = Stopwatch.StartNew();
            var events = await new ShadowRebuild<TRow>(projection, reader, database, vault, clock, BatchSize).RunAsync(progress, cancellationToken);
            // Stryker disable once Statement : not stopping it only adds the dump below to a duration that is shown, not asserted (timings are the benchmarks' business)
            clockwatch.Stop();
            _rows = null; // the rows under the checkpoint are the copy's now
            var after = Dump();
            return new RebuildResult(Name, ReadModelDump.Sha256(before), ReadModelDump.Sha256(after), events, CountRows(), clockwatch.Elapsed.TotalMilliseconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Delivers the event at <paramref name="position"/> again. At or below the checkpoint it is skipped. Past it,
    /// the runner never jumps: it applies every event from checkpoint + 1 up to that position, in order.
    /// </summary>
    public async Task<RedeliveryResult> RedeliverAsync(long position, CancellationToken cancellationToken = default)
    {
        var delivered = await reader.ReadAllAsync(position, 1, cancellationToken);
        if (delivered.Count == 0 || delivered[0].Position != position)
            throw new ArgumentOutOfRangeException(nameof(position), position, "There is no event at that position.");

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var before = Dump();
            var checkpoint = _checkpoints.Read();
            var applied = await ApplyBatchAsync(delivered, cancellationToken); // refused (0) unless it is exactly checkpoint + 1
            for (var at = _checkpoints.Read(); at < position && _checkpoints.ReadError() is null; at = _checkpoints.Read())
            {
                // Past the checkpoint: catch up in order to the delivered position, never beyond it.
                var gap = await reader.ReadAllAsync(at + 1, (int)Math.Min(BatchSize, position - at), cancellationToken);
                var moved = await ApplyBatchAsync(gap, cancellationToken);
                if (moved == 0 && _checkpoints.Read() == at) throw LogGap(at);
                applied += moved;
            }

            return new RedeliveryResult(Name, position, checkpoint, applied > 0, ReadModelDump.Sha256(before), ReadModelDump.Sha256(Dump())) { AppliedCount = applied };
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<ProjectionStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        new ProjectionStatusReader(Name, reader, _checkpoints, clock).ReadAsync(cancellationToken);

    private int CountRows()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {projection.Table.TableName}";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
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
            if (_checkpoints.ReadError() is not null) break; // stopped at an error until rebuilt
            var from = _checkpoints.Read();
            var batch = await reader.ReadAllAsync(from + 1, BatchSize, cancellationToken);
            if (batch.Count == 0) break;
            var moved = await ApplyBatchAsync(batch, cancellationToken);
            // Nothing applied and nobody else moved the checkpoint: the log has no event at checkpoint + 1.
            if (moved == 0 && _checkpoints.Read() == from) throw LogGap(from);
            applied += moved;
            progress?.Report(batch[^1].Position);
        }

        return applied;
    }

    /// <summary>
    /// Applies one batch: rows and checkpoint in one transaction. Only the run of events that continues the
    /// committed checkpoint without a hole is applied (checkpoint + 1, + 2, …): events at or below it are skipped,
    /// and a batch read before someone else moved the checkpoint — another process's batch, a rebuild that
    /// emptied the table — applies nothing rather than landing out of order. Returns how many were applied.
    /// </summary>
    private async Task<int> ApplyBatchAsync(IReadOnlyList<StoredEvent> batch, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        // IMMEDIATE: take the write lock before reading the checkpoint, so that no other writer — in this process
        // or another — can commit between our reading it and our writing the rows that continue it.
        // Stryker disable once Boolean : DEFERRED differs only if another writer commits between this read of the checkpoint and the first write: SQLite then refuses the upgrade (SQLITE_BUSY_SNAPSHOT), a transient failure that is retried, never a wrong row; that race cannot be set up on demand
        using var transaction = connection.BeginTransaction(deferred: false);
        var checkpoint = _checkpoints.Read(connection, transaction); // the truth is the committed checkpoint, read in this transaction

        // The rows cached in memory are only good at the checkpoint they were loaded or written at. If the
        // checkpoint moved under us — another process caught up or rebuilt this read model — load them again.
        // Stryker disable once Logical : dropping the cache whenever there is one loads the same rows again (they are what this transaction reads): only slower
        if (_rows is not null && _rowsAt != checkpoint) _rows = null;
        // Stryker disable once Assignment : loading the rows for every batch instead of keeping them gives the same rows: only slower
        var rows = _rows ??= projection.Table.LoadAll(connection, transaction).ToDictionary(r => r.Key, StringComparer.Ordinal);
        _rowsAt = checkpoint;
        var overlay = new RowOverlay<TRow>(rows);
        var last = checkpoint;
        var applied = 0;
        foreach (var stored in batch)
        {
            // Stryker disable once Equality,Statement : a batch starting at or below the checkpoint (someone moved it after the read) applies nothing without this skip — the next line stops at it — and the caller reads again from the new checkpoint: the skip saves that read
            if (stored.Position <= last) continue; // at or below the checkpoint: already applied, so skip it
            if (stored.Position != last + 1) break; // not the next one: never jump over an event
            try
            {
                if (ProjectedEvent.From(stored, vault) is { } e)
                {
                    foreach (var row in projection.Apply(e, overlay)) overlay.Add(row);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !TransientFailure.Is(ex))
            {
                // A poison event: this projection cannot apply it, and retrying will not change that.
                transaction.Rollback();
                _rows = null;
                var poison = new InvalidOperationException($"{stored.EventType} v{stored.SchemaVersion}: {ex.Message}", ex);
                _checkpoints.RecordError(stored.Position, poison);
                throw new ProjectionFailedException(Name, stored.Position, poison);
            }

            last = stored.Position;
            applied++;
        }

        if (last == checkpoint) return 0;

        using (var upsert = projection.Table.PrepareUpsert(connection, transaction))
        {
            // Stryker disable once Conditional : for a table that replaces rows by key, writing every row put, in order, ends at the same rows as writing each changed key once: only the number of writes differs
            foreach (var row in projection.Table.KeepsEveryRow ? overlay.Added : overlay.Changed)
            {
                projection.Table.Bind(upsert, row);
                upsert.ExecuteNonQuery();
            }
        }

        _checkpoints.Write(connection, transaction, last);
        var committing = clock.GetUtcNow();
        var appliedEvents = batch.Where(e => e.Position > checkpoint && e.Position <= last).ToList();
        _checkpoints.WriteAppliedBatch(connection, transaction, committing, appliedEvents.Count, appliedEvents.Max(e => (committing - e.RecordedAt).TotalMilliseconds));
        if (beforeCommit is not null) await beforeCommit();
        transaction.Commit();
        overlay.MergeInto(rows);
        _rowsAt = last;

        // Lag as the metric defines it: from each event's recorded-at to the moment its batch committed.
        var committed = clock.GetUtcNow();
        foreach (var e in appliedEvents) ProjectionMetrics.Lag.Record(Math.Max(0, (committed - e.RecordedAt).TotalMilliseconds), _tag);
        ProjectionMetrics.EventsApplied.Add(appliedEvents.Count, _tag);
        return applied;
    }

    private ProjectionFailedException LogGap(long checkpoint)
    {
        var gap = new InvalidOperationException($"The log has no event at position {checkpoint + 1}, after the checkpoint; a projection never skips one.");
        _checkpoints.RecordError(checkpoint + 1, gap);
        return new ProjectionFailedException(Name, checkpoint + 1, gap);
    }
}
