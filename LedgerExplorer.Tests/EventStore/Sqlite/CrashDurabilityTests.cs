using LedgerExplorer.Core.Domain;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

/// <summary>
/// An acknowledged append is durable: the App is killed with SIGKILL in the middle of concurrent deposits,
/// started again on the same files, and every deposit it acknowledged is in the log. (Durability, not
/// concurrency: it has no proof tag of its own among DESIGN §10's names, so it carries none rather than a wrong one.
/// A power cut is not tested: nothing on this machine can cut its power.)
/// </summary>
[Trait("Category", "Durability")]
public sealed class CrashDurabilityTests
{
    [Fact]
    public async Task Every_acknowledged_deposit_survives_a_SIGKILL_and_nothing_is_half_written()
    {
        using var data = new TempDirectory();
        var acknowledged = new ConcurrentBag<(string Account, long Version, decimal Amount)>();
        List<string> accounts;

        await using (var app = await AppProcess.StartAsync(data.Path))
        {
            using var client = await app.SignInAsync(timeout: TimeSpan.FromSeconds(10));
            accounts = [];
            for (var a = 0; a < 8; a++)
            {
                var opened = await (await client.PostAsJsonAsync("/api/accounts", new { owner = $"Crash Owner {a}", plan = "Basic", currency = "EUR" })).ReadAs<CommandResult>();
                accounts.Add(opened.AccountId);
            }

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                for (var i = 1; !stop.IsCancellationRequested; i++)
                {
                    var account = accounts[(w + i) % accounts.Count];
                    var amount = w + (i % 100 / 100m) + 1;
                    try
                    {
                        var response = await client.PostAsJsonAsync($"/api/accounts/{account}/deposits", new { amount });
                        if (response.IsSuccessStatusCode) acknowledged.Add((account, (await response.ReadAs<CommandResult>()).Version, amount));
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToList();

            // Let the deposits flow, then pull the plug while they are still flowing.
            await Eventually.Within(TimeSpan.FromSeconds(30), () => Task.FromResult(acknowledged.Count >= 300 ? (bool?)true : null));
            app.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var restarted = await AppProcess.StartAsync(data.Path);
        using var after = await restarted.SignInAsync();
        foreach (var account in accounts)
        {
            var events = new List<EventLogRow>();
            for (long from = 1; ;)
            {
                var page = (await after.GetFromJsonAsync<List<EventLogRow>>($"/api/events?stream=account-{account}&from={from}&limit=1000", LedgerAppFactory.Json))!;
                events.AddRange(page);
                if (page.Count < 1000) break;
                from = page[^1].Position + 1;
            }

            // Gapless versions, and every acknowledged deposit at its version with its amount.
            Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.StreamVersion));
            var amounts = events.Skip(1).ToDictionary(e => e.StreamVersion, e => JsonDocument.Parse(e.Data).RootElement.GetProperty("amount").GetDecimal());
            foreach (var ack in acknowledged.Where(a => a.Account == account))
            {
                Assert.True(amounts.TryGetValue(ack.Version, out var stored), $"acknowledged deposit v{ack.Version} on {account} is missing after the crash");
                Assert.Equal(ack.Amount, stored);
            }

            var folded = (await after.GetFromJsonAsync<AccountView>($"/api/accounts/{account}", LedgerAppFactory.Json))!;
            Assert.Equal(amounts.Values.Sum(), folded.Balance);
            Assert.Equal(events.Count, folded.Version);
        }

        Assert.True(acknowledged.Count >= 300);
    }
}
