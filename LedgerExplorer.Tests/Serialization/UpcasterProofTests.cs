using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Serialization;

[Trait("Proof", "Upcaster")]
public sealed class UpcasterProofTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task An_old_event_inserted_as_raw_bytes_loads_through_the_normal_path_and_its_row_is_never_changed()
    {
        var opened = await (await _client.PostJson("/api/accounts", new { owner = "Old Timer", plan = "Basic", currency = "EUR" })).ReadAs<CommandResult>();
        // Exactly what the v1 code wrote: minor units and a memo, schema_version 1 — handed to the store as text, not
        // through today's serializer. (Through the store, not with SQL: a row inserted beside the writer has no link in
        // the hash chain, and the writer then refuses to chain onto a log it cannot vouch for — see TamperEvidenceTests.)
        const string v1 = """{"amountInCents":12550,"memo":"cheque from 2019"}""";
        var legacy = new Core.EventStore.EventData("MoneyDeposited", 1, v1,
            new Core.EventStore.EventMetadata(Guid.CreateVersion7(), "legacy", Guid.CreateVersion7(), Guid.CreateVersion7(), new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)));
        await app.Services.GetRequiredService<Core.EventStore.IEventStore>().AppendAsync($"account-{opened.AccountId}", Core.EventStore.ExpectedVersion.Exactly(1), [legacy]);

        var before = await HashEventsTable();

        var account = JsonDocument.Parse(await _client.GetStringAsync($"/api/accounts/{opened.AccountId}")).RootElement;

        Assert.Equal(125.50m, account.GetProperty("balance").GetDecimal());
        Assert.Equal(2, account.GetProperty("version").GetInt64());
        var afterLoad = await HashEventsTable();

        var deposit = await (await _client.PostJson($"/api/accounts/{opened.AccountId}/deposits", new { amount = 0.50m })).ReadAs<CommandResult>();
        Assert.Equal(126.00m, deposit.State.Balance); // the command path decided on the upcast state too
        var rebuild = JsonDocument.Parse(await (await _client.PostAsync("/api/projections/balances/rebuild", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.True(rebuild.GetProperty("events").GetInt64() >= 3);
        var balances = JsonDocument.Parse(await _client.GetStringAsync("/api/balances")).RootElement.GetProperty("rows");
        Assert.Equal(126.00m, balances.EnumerateArray().Single(r => r.GetProperty("accountId").GetString() == opened.AccountId).GetProperty("balance").GetDecimal());

        // The v1 row's bytes are exactly what was inserted, and every row that existed before is unchanged.
        Assert.Equal(Encoding.UTF8.GetBytes(v1), await StoredDataBytes($"account-{opened.AccountId}", 2));
        Assert.Equal(before, afterLoad);
        Assert.Equal(before, await HashEventsTable(upToPosition: deposit.Position - 1));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDir, "ledger.db")}");
        connection.Open();
        return connection;
    }

    private async Task<byte[]> StoredDataBytes(string stream, long version)
    {
        await using var connection = Open();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT CAST(data AS BLOB) FROM events WHERE stream_id = $s AND stream_version = $v";
        select.Parameters.AddWithValue("$s", stream);
        select.Parameters.AddWithValue("$v", version);
        return (byte[])(await select.ExecuteScalarAsync())!;
    }

    /// <summary>SHA-256 over every column of every row (up to a position), in position order.</summary>
    private async Task<string> HashEventsTable(long upToPosition = long.MaxValue)
    {
        await using var connection = Open();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT global_position, stream_id, stream_version, event_type, schema_version, CAST(data AS BLOB), CAST(metadata AS BLOB), recorded_at FROM events WHERE global_position <= $p ORDER BY global_position";
        select.Parameters.AddWithValue("$p", upToPosition);
        await using var reader = await select.ExecuteReaderAsync();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                sha.AppendData(reader.GetValue(i) is byte[] bytes ? bytes : Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!));
                sha.AppendData([0]);
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
