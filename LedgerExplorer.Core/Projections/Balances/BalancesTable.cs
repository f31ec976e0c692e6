using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Projections.Balances;

internal sealed class BalancesTable : IReadModelTable<BalanceRow>
{
    private const string Columns = "account_id, owner, plan, currency, balance, status, version, position, updated_at";

    public string TableName => "balances";

    public IEnumerable<BalanceRow> LoadAll(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM balances";
        using var reader = command.ExecuteReader();
        var rows = new List<BalanceRow>();
        while (reader.Read())
        {
            rows.Add(new BalanceRow(reader.GetString(0), reader.GetString(1), Enum.Parse<Plan>(reader.GetString(2)), reader.GetString(3),
                ReadModelFormat.ParseMoney(reader.GetString(4)), Enum.Parse<AccountStatus>(reader.GetString(5)),
                reader.GetInt64(6), reader.GetInt64(7), ReadModelFormat.ParseInstant(reader.GetString(8))));
        }

        return rows;
    }

    public SqliteCommand PrepareUpsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO balances ({Columns}) VALUES ($a, $o, $p, $c, $b, $s, $v, $pos, $u) " +
                              "ON CONFLICT(account_id) DO UPDATE SET owner = excluded.owner, plan = excluded.plan, currency = excluded.currency, " +
                              "balance = excluded.balance, status = excluded.status, version = excluded.version, position = excluded.position, updated_at = excluded.updated_at";
        foreach (var name in new[] { "$a", "$o", "$p", "$c", "$b", "$s", "$v", "$pos", "$u" }) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        // Stryker disable once Statement : preparing is for speed; unprepared, the statement is compiled on its first run
        command.Prepare();
        return command;
    }

    public void Bind(SqliteCommand upsert, BalanceRow row)
    {
        var p = upsert.Parameters;
        p[0].Value = row.AccountId;
        p[1].Value = row.Owner;
        p[2].Value = row.Plan.ToString();
        p[3].Value = row.Currency;
        p[4].Value = ReadModelFormat.Money(row.Balance);
        p[5].Value = row.Status.ToString();
        p[6].Value = row.Version;
        p[7].Value = row.Position;
        p[8].Value = ReadModelFormat.Instant(row.UpdatedAt);
    }

    public string Dump(SqliteConnection connection) => ReadModelDump.Of(connection, $"SELECT {Columns} FROM balances ORDER BY account_id");
}
