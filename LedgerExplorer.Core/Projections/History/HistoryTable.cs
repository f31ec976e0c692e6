using LedgerExplorer.Core.Domain;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Projections.History;

/// <summary>
/// <c>account_history</c>: insert-only, one row per event (<see cref="IReadModelTable{TRow}.KeepsEveryRow"/>), keyed by
/// global position, indexed by (account, position), (account, occurred-at) and (account, recorded-at) for the as-of lookups.
/// </summary>
internal sealed class HistoryTable : IReadModelTable<HistoryRow>
{
    public const string Columns = "position, account_id, version, recorded_at, occurred_at, event_type, status, plan, currency, balance, erased, out_of_order";

    public string TableName => "account_history";

    public bool KeepsEveryRow => true;

    /// <summary>Only each account's latest row: all a projection needs to fold the next event on (one index seek per account).</summary>
    public IEnumerable<HistoryRow> LoadAll(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM account_history WHERE position IN (SELECT MAX(position) FROM account_history GROUP BY account_id)";
        return ReadRows(command);
    }

    public SqliteCommand PrepareUpsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        // A plain INSERT: a row is never replaced, and applying a position twice would fail loudly on the key.
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO account_history ({Columns}) VALUES ($pos, $a, $v, $r, $w, $t, $s, $p, $c, $b, $e, $o)";
        foreach (var name in new[] { "$pos", "$a", "$v", "$r", "$w", "$t", "$s", "$p", "$c", "$b", "$e", "$o" }) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        // Stryker disable once Statement : preparing is for speed; unprepared, the statement is compiled on its first run
        command.Prepare();
        return command;
    }

    public void Bind(SqliteCommand upsert, HistoryRow row)
    {
        var p = upsert.Parameters;
        p[0].Value = row.Position;
        p[1].Value = row.AccountId;
        p[2].Value = row.Version;
        p[3].Value = ReadModelFormat.Instant(row.RecordedAt);
        p[4].Value = ReadModelFormat.Instant(row.OccurredAt);
        p[5].Value = row.EventType;
        p[6].Value = row.Status.ToString();
        p[7].Value = row.Plan.ToString();
        p[8].Value = row.Currency;
        p[9].Value = ReadModelFormat.Money(row.Balance);
        p[10].Value = row.Erased ? 1 : 0;
        p[11].Value = row.OutOfOrder ? 1 : 0;
    }

    public string Dump(SqliteConnection connection) => ReadModelDump.Of(connection, $"SELECT {Columns} FROM account_history ORDER BY position");

    /// <summary>Reads rows selected as <see cref="Columns"/>, in the order the command returns them.</summary>
    public static List<HistoryRow> ReadRows(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<HistoryRow>();
        while (reader.Read()) rows.Add(Read(reader));
        return rows;
    }

    public static HistoryRow Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), ReadModelFormat.ParseInstant(reader.GetString(3)), ReadModelFormat.ParseInstant(reader.GetString(4)),
        reader.GetString(5), Enum.Parse<AccountStatus>(reader.GetString(6)), Enum.Parse<Plan>(reader.GetString(7)), reader.GetString(8),
        ReadModelFormat.ParseMoney(reader.GetString(9)), reader.GetInt64(10) != 0, reader.GetInt64(11) != 0);
}
