using System.Net;
using System.Text.Json;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Api;

public sealed class ProjectionsApiTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_balances_read_model_catches_up_with_a_deposit_and_says_how_far_it_has_got()
    {
        var opened = await (await _client.PostJson("/api/accounts", new { owner = "Read Model", plan = "Basic", currency = "EUR" })).ReadAs<CommandResult>();
        var deposited = await (await _client.PostJson($"/api/accounts/{opened.AccountId}/deposits", new { amount = 42.5m })).ReadAs<CommandResult>();

        // The read model is asynchronous: wait for it to be non-stale, with a timeout — never a fixed sleep.
        var balances = await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
        {
            var body = JsonDocument.Parse(await _client.GetStringAsync("/api/balances")).RootElement;
            return body.GetProperty("checkpoint").GetInt64() >= deposited.Position ? body : default(JsonElement?);
        });

        var row = balances.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("accountId").GetString() == opened.AccountId);
        Assert.Equal(42.5m, row.GetProperty("balance").GetDecimal());
        Assert.Equal(2, row.GetProperty("version").GetInt64());
        Assert.Equal("balances read model", balances.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Projections_list_checkpoint_head_and_lag_and_a_rebuild_returns_equal_hashes()
    {
        var opened = await (await _client.PostJson("/api/accounts", new { owner = "Rebuild Me", plan = "Plus", currency = "USD" })).ReadAs<CommandResult>();
        await _client.PostJson($"/api/accounts/{opened.AccountId}/withdrawals", new { amount = 100m });

        var rebuild = JsonDocument.Parse(await (await _client.PostAsync("/api/projections/balances/rebuild", null)).Content.ReadAsStringAsync()).RootElement;
        var list = JsonDocument.Parse(await _client.GetStringAsync("/api/projections")).RootElement;

        Assert.Equal(64, rebuild.GetProperty("hashAfter").GetString()!.Length);
        Assert.True(rebuild.GetProperty("events").GetInt64() >= 2);
        var names = list.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["balances", "statements", "history"], names);
        var balances = list.EnumerateArray().First();
        Assert.Equal(balances.GetProperty("head").GetInt64() - balances.GetProperty("checkpoint").GetInt64(), balances.GetProperty("lagEvents").GetInt64());

        // Rebuilt twice in a row with nothing new in between: the second rebuild must reproduce the first's bytes.
        var again = JsonDocument.Parse(await (await _client.PostAsync("/api/projections/balances/rebuild", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.True(again.GetProperty("identical").GetBoolean());
        Assert.Equal(rebuild.GetProperty("hashAfter").GetString(), again.GetProperty("hashAfter").GetString());
    }

    [Fact]
    public async Task Redelivering_an_applied_event_is_refused_by_the_checkpoint()
    {
        var opened = await (await _client.PostJson("/api/accounts", new { owner = "Twice", plan = "Basic", currency = "EUR" })).ReadAs<CommandResult>();
        await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
            JsonDocument.Parse(await _client.GetStringAsync("/api/projections")).RootElement[0].GetProperty("checkpoint").GetInt64() >= opened.Position ? (bool?)true : null);

        var response = await _client.PostAsync($"/api/projections/balances/redeliver?position={opened.Position}", null);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("applied").GetBoolean());
        Assert.Equal(body.GetProperty("hashBefore").GetString(), body.GetProperty("hashAfter").GetString());
        Assert.Contains("at or below the checkpoint", body.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/projections/nope/rebuild", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/projections/balances/redeliver?position=99999999", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/api/projections/balances/redeliver?position=abc", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/balances?asOf=not-a-date", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/api/statements/NOT%20AN%20ID", HttpStatusCode.NotFound)]
    public async Task Bad_projection_requests_are_clear_problems(string method, string url, HttpStatusCode status)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Balances_as_of_an_instant_are_replayed_from_the_log()
    {
        var body = JsonDocument.Parse(await _client.GetStringAsync("/api/balances?asOf=2001-01-01T00:00:00Z")).RootElement;

        Assert.Equal("history read model + the log past its checkpoint", body.GetProperty("source").GetString());
        Assert.Equal(0, body.GetProperty("rows").GetArrayLength());
    }
}
