using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Projections.Statements;

internal sealed class StatementsTable : IReadModelTable<StatementRow>
{
    private const string Columns = "account_id, month, currency, opening, credits, debits, closing, events";

    public string TableName => "statements";

    public IEnumerable<StatementRow> LoadAll(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM statements";
        using var reader = command.ExecuteReader();
        var rows = new List<StatementRow>();
        while (reader.Read())
        {
            rows.Add(new StatementRow(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                ReadModelFormat.ParseMoney(reader.GetString(3)), ReadModelFormat.ParseMoney(reader.GetString(4)),
                ReadModelFormat.ParseMoney(reader.GetString(5)), ReadModelFormat.ParseMoney(reader.GetString(6)), reader.GetInt32(7)));
        }

        return rows;
    }

    public SqliteCommand PrepareUpsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO statements ({Columns}) VALUES ($a, $m, $c, $o, $cr, $d, $cl, $e) " +
                              "ON CONFLICT(account_id, month) DO UPDATE SET currency = excluded.currency, opening = excluded.opening, " +
                              "credits = excluded.credits, debits = excluded.debits, closing = excluded.closing, events = excluded.events";
        foreach (var name in new[] { "$a", "$m", "$c", "$o", "$cr", "$d", "$cl", "$e" }) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        // Stryker disable once Statement : preparing is for speed; unprepared, the statement is compiled on its first run
        command.Prepare();
        return command;
    }

    public void Bind(SqliteCommand upsert, StatementRow row)
    {
        var p = upsert.Parameters;
        p[0].Value = row.AccountId;
        p[1].Value = row.Month;
        p[2].Value = row.Currency;
        p[3].Value = ReadModelFormat.Money(row.Opening);
        p[4].Value = ReadModelFormat.Money(row.Credits);
        p[5].Value = ReadModelFormat.Money(row.Debits);
        p[6].Value = ReadModelFormat.Money(row.Closing);
        p[7].Value = row.Events;
    }

    public string Dump(SqliteConnection connection) => ReadModelDump.Of(connection, $"SELECT {Columns} FROM statements ORDER BY account_id, month");
}
