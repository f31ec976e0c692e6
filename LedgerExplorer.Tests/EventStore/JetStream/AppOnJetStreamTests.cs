using System.Net.Http.Json;
using System.Text.Json;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>The whole App with <c>EventStore:Backend=JetStream</c>: the log is a JetStream stream on a real nats-server, and the projector a child process reading it.</summary>
[Trait("Proof", "SecondBackend")]
public sealed class AppOnJetStreamTests
{
    [Fact]
    public async Task Open_deposit_see_the_log_rebuild_with_equal_hashes_travel_in_time_and_audit_all_on_JetStream()
    {
        var server = await NatsServer.Shared;
        var stream = $"APP{Guid.NewGuid():N}";
        await using var app = new LedgerAppFactory
        {
            ProjectorMode = "Child",
            Settings = { ["EventStore:Backend"] = "JetStream", ["EventStore:JetStream:Url"] = server.Url, ["EventStore:JetStream:Stream"] = stream, ["EventStore:JetStream:SubjectPrefix"] = stream.ToLowerInvariant() },
        };
        var client = app.CreateClient();
        Assert.IsType<JetStreamEventStore>(app.Services.GetRequiredService<IEventStore>());

        var opened = await (await client.PostJson("/api/accounts", new { owner = "Grace Hopper", plan = "Basic", currency = "USD" })).ReadAs<CommandResult>();
        var deposited = await (await client.PostJson($"/api/accounts/{opened.AccountId}/deposits", new { amount = 125.50m })).ReadAs<CommandResult>();
        var changed = await client.PutAsJsonAsync($"/api/accounts/{opened.AccountId}/plan", new { plan = "Plus" }, LedgerAppFactory.Json, TestContext.Current.CancellationToken);
        changed.EnsureSuccessStatusCode();
        var stale = await client.PostJson($"/api/accounts/{opened.AccountId}/deposits", new { amount = 1m, expectedVersion = 1 });

        Assert.Equal((125.50m, 2L), (deposited.State.Balance, deposited.Version));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, stale.StatusCode); // the server refused the stale append
        var folded = await client.GetFromJsonAsync<AccountView>($"/api/accounts/{opened.AccountId}", LedgerAppFactory.Json, TestContext.Current.CancellationToken);
        Assert.Equal((125.50m, Plan.Plus, 3L), (folded!.Balance, folded.Plan, folded.Version));

        // The log, as stored in the stream.
        using var events = JsonDocument.Parse(await client.GetStringAsync("/api/events?limit=10", TestContext.Current.CancellationToken));
        var rows = events.RootElement.EnumerateArray().ToList();
        Assert.Equal(["AccountOpened", "MoneyDeposited", "PlanChanged"], rows.Select(r => r.GetProperty("eventType").GetString()));
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.GetProperty("position").GetInt64()));

        // The child projector reads the stream and catches up; a rebuild gives the same bytes.
        await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
        {
            var projections = await client.GetFromJsonAsync<JsonElement>("/api/projections");
            return projections.EnumerateArray().All(p => p.GetProperty("checkpoint").GetInt64() == 3) ? true : (bool?)null;
        });
        var rebuild = await (await client.PostAsync("/api/projections/balances/rebuild", null, TestContext.Current.CancellationToken)).ReadAs<JsonElement>();
        Assert.True(rebuild.GetProperty("identical").GetBoolean());
        Assert.Equal(rebuild.GetProperty("hashBefore").GetString(), rebuild.GetProperty("hashAfter").GetString());
        Assert.Equal(3, rebuild.GetProperty("events").GetInt64());

        // Time travel and audit fold the same stream.
        var asOfOpening = await client.GetFromJsonAsync<JsonElement>($"/api/balances?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}", TestContext.Current.CancellationToken);
        Assert.Equal(125.50m, asOfOpening.GetProperty("rows").EnumerateArray().Single().GetProperty("balance").GetDecimal());
        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/audit/accounts/{opened.AccountId}/plan?date={DateTime.UtcNow:yyyy-MM-dd}", TestContext.Current.CancellationToken);
        Assert.Contains("Plus", audit.GetRawText(), StringComparison.Ordinal);
    }
}
