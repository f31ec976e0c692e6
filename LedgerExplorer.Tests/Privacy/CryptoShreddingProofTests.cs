using LedgerExplorer.Core.Domain;
using System.Net;
using System.Text;
using System.Text.Json;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Privacy;

[Trait("Proof", "CryptoShredding")]
public sealed class CryptoShreddingProofTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    // A name that occurs nowhere else, so finding its bytes in a file can only mean a leak.
    private const string Name = "Hypatia Quennell-Zebedee";

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task After_forget_the_name_is_unrecoverable_everywhere_and_every_balance_still_rebuilds()
    {
        var id = (await (await _client.PostJson("/api/accounts", new { owner = Name, plan = "Plus", currency = "EUR" })).ReadAs<CommandResult>()).AccountId;
        var other = (await (await _client.PostJson("/api/accounts", new { owner = "Other Person", plan = "Basic", currency = "USD" })).ReadAs<CommandResult>()).AccountId;
        for (var i = 1; i <= 30; i++) // past the snapshot interval, so a snapshot holding the decrypted name exists
        {
            await _client.PostJson($"/api/accounts/{id}/deposits", new { amount = 10m + i });
            if (i % 5 == 0) await _client.PostJson($"/api/accounts/{id}/withdrawals", new { amount = 7.5m });
        }

        await _client.PostJson($"/api/accounts/{other}/deposits", new { amount = 99.99m });
        var stored = await AccountOpenedRow(id);
        var keys = app.Services.GetRequiredService<SqliteKeyStore>();
        var keyBytes = KeyBytes(id);

        // Before: the name decrypts from the stored event.
        Assert.Equal(Name, keys.TryDecrypt(id, EventCodec.EncryptedOwnerOf(stored)!));
        Assert.DoesNotContain(Name, stored.Data, StringComparison.Ordinal);
        var replayedBefore = await Balances("/api/accounts");
        await WaitForProjections();
        var readModelBefore = await Balances("/api/balances");
        Assert.Contains(Name, (await _client.GetStringAsync("/api/balances")), StringComparison.Ordinal);

        var forget = await _client.PostAsync($"/api/accounts/{id}/forget", null);

        Assert.Equal(HttpStatusCode.OK, forget.StatusCode);
        var forgotten = JsonDocument.Parse(await forget.Content.ReadAsStringAsync()).RootElement;
        Assert.True(forgotten.GetProperty("keyDestroyed").GetBoolean());
        Assert.True(forgotten.GetProperty("snapshotsPurged").GetInt32() > 0);
        Assert.Equal(0, forgotten.GetProperty("stoppedProjections").GetArrayLength());
        Assert.Equal(PersonalData.Erased, forgotten.GetProperty("state").GetProperty("owner").GetString());

        // The ciphertext in the log is untouched, byte for byte — and can no longer be decrypted, by this
        // key store or by a fresh one reading the same file (nothing cached, nothing left to read).
        var storedAfter = await AccountOpenedRow(id);
        Assert.Equal(Encoding.UTF8.GetBytes(stored.Data), Encoding.UTF8.GetBytes(storedAfter.Data));
        Assert.Null(keys.TryDecrypt(id, EventCodec.EncryptedOwnerOf(storedAfter)!));
        Assert.Null(new SqliteKeyStore(keys.Path).TryDecrypt(id, EventCodec.EncryptedOwnerOf(storedAfter)!));
        Assert.False(keys.HasKey(id));

        // Every balance still replays from the log and rebuilds in the read model exactly as before.
        Assert.Equal(replayedBefore, await Balances("/api/accounts"));
        var rebuild = JsonDocument.Parse(await (await _client.PostAsync("/api/projections/balances/rebuild", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.True(rebuild.GetProperty("identical").GetBoolean());
        Assert.Equal(readModelBefore, await Balances("/api/balances"));
        var account = JsonDocument.Parse(await _client.GetStringAsync($"/api/accounts/{id}")).RootElement;
        Assert.Equal(PersonalData.Erased, account.GetProperty("owner").GetString());

        // The key's bytes are in none of the key store's files; the name is in none of the log's or read models' files.
        var keyFiles = Files("keys.db").ToList();
        var otherFiles = Files("ledger.db").Concat(Files("readmodels.db")).ToList();
        // The scan must have something to scan: the databases themselves at least (a missing file is not a pass).
        Assert.Contains(Path.Combine(app.DataDir, "keys.db"), keyFiles);
        Assert.Contains(Path.Combine(app.DataDir, "ledger.db"), otherFiles);
        Assert.Contains(Path.Combine(app.DataDir, "readmodels.db"), otherFiles);
        foreach (var file in keyFiles) Assert.False(FileScan.Holds(file, keyBytes), $"{file} still holds the destroyed key");
        foreach (var file in otherFiles)
        {
            // The name as UTF-8 and as UTF-16 (little- and big-endian): however a page might hold it.
            foreach (var encoding in new[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
                Assert.False(FileScan.Holds(file, encoding.GetBytes(Name)), $"{file} still holds the forgotten name ({encoding.WebName})");
        }

        // Forgetting twice is harmless, and money still moves on a forgotten account.
        var again = JsonDocument.Parse(await (await _client.PostAsync($"/api/accounts/{id}/forget", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.True(again.GetProperty("alreadyForgotten").GetBoolean());
        Assert.Equal(forgotten.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64());
        var deposit = await (await _client.PostJson($"/api/accounts/{id}/deposits", new { amount = 1m })).ReadAs<CommandResult>();
        Assert.Equal(PersonalData.Erased, deposit.State.Owner);
        Assert.Equal(replayedBefore[id] + 1m, deposit.State.Balance);
    }

    [Fact]
    public async Task Forgetting_an_unknown_account_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync("/api/accounts/0123456789ab/forget", null)).StatusCode);
    }

    private async Task<StoredEvent> AccountOpenedRow(string id)
    {
        var reader = app.Services.GetRequiredService<IEventStoreReader>();
        await foreach (var e in reader.ReadStreamAsync($"account-{id}", new StreamReadRange(ToVersion: 1))) return e;
        throw new InvalidOperationException("no AccountOpened");
    }

    private byte[] KeyBytes(string subject)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDir, "keys.db")};Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT key FROM keys WHERE subject = $s";
        select.Parameters.AddWithValue("$s", subject);
        var key = (byte[])select.ExecuteScalar()!;
        Assert.Equal(32, key.Length);
        return key;
    }

    private async Task<Dictionary<string, decimal>> Balances(string url)
    {
        var body = JsonDocument.Parse(await _client.GetStringAsync(url)).RootElement;
        var rows = body.ValueKind == JsonValueKind.Array ? body : body.GetProperty("rows");
        return rows.EnumerateArray().ToDictionary(r => r.GetProperty("accountId").GetString()!, r => r.GetProperty("balance").GetDecimal());
    }

    private async Task WaitForProjections() =>
        await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
            JsonDocument.Parse(await _client.GetStringAsync("/api/projections")).RootElement.EnumerateArray().All(p => p.GetProperty("lagEvents").GetInt64() == 0) ? (bool?)true : null);

    private IEnumerable<string> Files(string database) =>
        new[] { "", "-wal", "-shm" }.Select(suffix => Path.Combine(app.DataDir, database + suffix)).Where(File.Exists);
}
