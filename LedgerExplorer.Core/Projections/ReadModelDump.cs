using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Projections;

/// <summary>The canonical dump of a read model: the rows of an ordered query, tab-separated, one per line, invariant culture.</summary>
public static class ReadModelDump
{
    public static string Of(SqliteConnection connection, string orderedQuery)
    {
        using var command = connection.CreateCommand();
        command.CommandText = orderedQuery;
        using var reader = command.ExecuteReader();
        var dump = new StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0) dump.Append('\t');
                dump.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            }

            dump.Append('\n');
        }

        return dump.ToString();
    }

    public static string Sha256(string dump) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dump)));
}
