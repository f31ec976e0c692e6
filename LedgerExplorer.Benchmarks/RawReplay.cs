using System.Text.Json;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// The yardstick for replay: one SQL read over the stream, System.Text.Json straight into the event records,
/// and the domain's fold — no store abstraction, no StoredEvent, no codec, no snapshots.
/// </summary>
internal static class RawReplay
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <param name="wholeRows">Read every column the store's contract returns (position, version, metadata, recorded-at), as the store must; or only the two the fold needs.</param>
    public static AccountState Fold(SqliteLedgerDatabase database, string streamId, bool wholeRows)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = wholeRows
            ? "SELECT event_type, data, global_position, stream_version, schema_version, metadata, recorded_at FROM events WHERE stream_id = $s ORDER BY stream_version"
            : "SELECT event_type, data FROM events WHERE stream_id = $s ORDER BY stream_version";
        command.Parameters.AddWithValue("$s", streamId);
        using var reader = command.ExecuteReader();
        var state = AccountDecider.Initial;
        while (reader.Read())
        {
            var data = reader.GetString(1);
            if (wholeRows)
            {
                _ = (reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetString(5), Core.EventStore.RecordedAtFormat.Parse(reader.GetString(6)));
            }

            IAccountEvent e = reader.GetString(0) switch
            {
                "MoneyDeposited" => JsonSerializer.Deserialize<MoneyDeposited>(data, Json)!,
                "MoneyWithdrawn" => JsonSerializer.Deserialize<MoneyWithdrawn>(data, Json)!,
                // The opening event's owner is ciphertext; the fold only needs the account to exist.
                "AccountOpened" => new AccountOpened("(not decrypted)", Plan.Premium, "EUR"),
                var other => throw new InvalidOperationException(other),
            };
            state = AccountDecider.Evolve(state, e);
        }

        return state;
    }
}
