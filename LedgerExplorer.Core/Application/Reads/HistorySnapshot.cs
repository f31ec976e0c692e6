using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.History;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Application.Reads;

/// <summary>
/// The history read model as of one moment: a read transaction (SQLite's snapshot isolation in WAL mode), so the
/// rows and the checkpoint read through it belong together while the projector keeps writing.
/// </summary>
internal sealed class HistorySnapshot : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public HistorySnapshot(ReadModelDatabase readModels)
    {
        _connection = readModels.Open();
        _transaction = _connection.BeginTransaction(deferred: true);
        Checkpoint = new CheckpointStore(readModels, HistoryProjection.ProjectionName, TimeProvider.System).Read(_connection, _transaction);
    }

    /// <summary>The last global position the rows reflect.</summary>
    public long Checkpoint { get; }

    public SqliteCommand Prepare(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.Prepare();
        return command;
    }

    /// <summary>The accounts (all, or the one given) with a recorded-at earlier than their previous event's (a partial index keeps this cheap).</summary>
    public List<AccountId> OutOfOrderAccounts(AccountId? only = null)
    {
        using var command = only is { } id
            ? Prepare("SELECT DISTINCT account_id FROM account_history WHERE out_of_order = 1 AND account_id = $a", ("$a", id.Value))
            : Prepare("SELECT DISTINCT account_id FROM account_history WHERE out_of_order = 1");
        using var reader = command.ExecuteReader();
        var accounts = new List<AccountId>();
        while (reader.Read()) accounts.Add(AccountId.Parse(reader.GetString(0)));
        return accounts;
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }
}
