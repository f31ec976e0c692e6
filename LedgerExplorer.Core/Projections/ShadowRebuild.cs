using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// A rebuild without a gap in service (blue/green): the projection is replayed into a fresh copy — a database file
/// of its own beside the live one — while readers keep reading the live rows and the projector keeps applying the
/// log to them. When the copy has caught up, one IMMEDIATE transaction on the live database replaces the live
/// rows with the copy's and moves the checkpoint to the copy's; readers see the old rows or the new, never a
/// half-built table. If the live read model moved past the copy meanwhile, the copy catches up and tries again.
/// </summary>
internal sealed class ShadowRebuild<TRow>(IProjection<TRow> projection, IEventStoreReader reader, ReadModelDatabase live, IPersonalDataVault vault, TimeProvider clock, int batchSize)
    where TRow : IReadModelRow
{
    /// <summary>Replays into the copy and switches to it. Returns how many events the copy applied.</summary>
    public async Task<long> RunAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var copy = new ReadModelDatabase($"{live.Path}.rebuild-{projection.Name}-{Guid.NewGuid():N}");
        try
        {
            copy.Migrate();
            var runner = new ProjectionRunner<TRow>(projection, reader, copy, vault, clock) { BatchSize = batchSize };
            var copyCheckpoint = new CheckpointStore(copy, projection.Name, clock);
            var applied = await runner.CatchUpAsync(progress, cancellationToken); // a poison event throws here: the live rows are untouched
            while (true)
            {
                // The copy at the log's head switches even if the live rows claim more: then the log was replaced
                // under them (starting a ledger over), or more arrived since — which the projector applies next.
                var atHead = copyCheckpoint.Read() >= await reader.ReadHeadPositionAsync(cancellationToken);
                if (TrySwitch(copy, copyCheckpoint.Read(), evenIfBehind: atHead)) return applied;
                applied += await runner.CatchUpAsync(progress, cancellationToken);
            }
        }
        finally
        {
            copy.DeleteFiles();
        }
    }

    private bool TrySwitch(ReadModelDatabase copy, long copyCheckpoint, bool evenIfBehind)
    {
        var table = projection.Table.TableName;
        using var connection = live.Open();
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $path AS copy"; // not allowed inside a transaction, so before it
            attach.Parameters.AddWithValue("$path", copy.Path);
            attach.ExecuteNonQuery();
        }

        try
        {
            var checkpoints = new CheckpointStore(live, projection.Name, clock);
            // Stryker disable once Boolean : DEFERRED differs only if another writer commits between the read of the live checkpoint and the swap's first write: SQLite then refuses the upgrade (SQLITE_BUSY_SNAPSHOT), a transient failure rather than a wrong read model; that race cannot be set up on demand
            using var transaction = connection.BeginTransaction(deferred: false);
            if (!evenIfBehind && checkpoints.Read(connection, transaction) > copyCheckpoint) return false; // the live rows are ahead: catch the copy up first
            using (var swap = connection.CreateCommand())
            {
                swap.Transaction = transaction;
                swap.CommandText = $"DELETE FROM main.{table}; INSERT INTO main.{table} SELECT * FROM copy.{table};";
                swap.ExecuteNonQuery();
            }

            checkpoints.Write(connection, transaction, copyCheckpoint);
            checkpoints.ClearError(connection, transaction);
            transaction.Commit();
            return true;
        }
        finally
        {
            using var detach = connection.CreateCommand();
            detach.CommandText = "DETACH DATABASE copy";
            detach.ExecuteNonQuery();
        }
    }
}
