using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>
/// A log written before the hash chain existed gets its chain once: every stored row, in global order, hashed as it
/// stands and its link inserted — no event row is touched. It runs only while the chain is empty and the log is
/// not, so it is the migration's last step, not a way to re-bless a log: an emptied chain would be recomputed
/// over whatever the rows then say — as anyone holding the file could do by hand. That is why a digest kept
/// elsewhere (<c>GET /api/integrity</c>) is what a later check compares against.
/// </summary>
internal static class EventChainBackfill
{
    public static void Run(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // Stryker disable once Statement : equivalent — without this early return the same question is asked again inside the transaction below, with the same answer
        if (!NeedsChain(connection, null)) return;

        // Stryker disable once Boolean : IMMEDIATE matters only when two processes migrate one old log at once, a race no test can time
        using var transaction = connection.BeginTransaction(deferred: false);
        // Stryker disable once Statement : reached only when another process chains the log between the two checks, a race no test can time
        if (!NeedsChain(connection, transaction)) return; // another process chained it first

        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT {SqliteEventReader.Columns} FROM events ORDER BY global_position";
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO event_hashes (global_position, hash) VALUES ($position, $hash)";
        var position = insert.Parameters.Add("$position", SqliteType.Integer);
        var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        // Stryker disable once Statement : preparing is for speed; unprepared, the statement is compiled on its first run
        insert.Prepare();

        var previous = EventHash.Genesis.ToArray();
        using (var rows = read.ExecuteReader())
        {
            while (rows.Read())
            {
                var row = SqliteEventReader.ReadRow(rows, null); // the row as every reader, and so the verifier, sees it
                previous = EventHash.Compute(previous, row);
                position.Value = row.Position;
                hash.Value = previous;
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static bool NeedsChain(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "SELECT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM event_hashes)";
        return (long)check.ExecuteScalar()! == 1;
    }
}
