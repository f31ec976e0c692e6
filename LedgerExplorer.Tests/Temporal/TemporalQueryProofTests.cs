using System.Net;
using System.Text.Json;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LedgerExplorer.Tests.Temporal;

/// <summary>A known history written through the API at known instants; as-of answers checked against values worked out by hand.</summary>
[Trait("Proof", "TemporalQuery")]
public sealed class TemporalQueryProofTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(Utc("2026-03-01T00:00:00Z"));
    private readonly LedgerAppFactory _app;
    private readonly HttpClient _client;
    private string _ada = "";
    private string _grace = "";

    public TemporalQueryProofTests()
    {
        _app = new LedgerAppFactory { Clock = _clock };
        _client = _app.CreateClient();
    }

    public async ValueTask InitializeAsync()
    {
        _ada = (await At("2026-03-02T09:00:00Z", "/api/accounts", new { owner = "Ada Lovelace", plan = "Basic", currency = "EUR" })).AccountId;
        await At("2026-03-02T10:00:00Z", $"/api/accounts/{_ada}/deposits", new { amount = 100.00m });
        _grace = (await At("2026-03-03T11:00:00Z", "/api/accounts", new { owner = "Grace Hopper", plan = "Plus", currency = "USD" })).AccountId;
        await At("2026-03-05T12:30:00Z", $"/api/accounts/{_ada}/withdrawals", new { amount = 40.00m });
        await At("2026-03-06T15:00:00Z", $"/api/accounts/{_grace}/withdrawals", new { amount = 300.00m }); // into the Plus overdraft
        await Put("2026-03-10T08:00:00Z", $"/api/accounts/{_ada}/plan", new { plan = "Plus" });
        await At("2026-03-15T00:00:00Z", $"/api/accounts/{_ada}/deposits", new { amount = 15.25m });
        await At("2026-03-20T17:45:00Z", $"/api/accounts/{_ada}/withdrawals", new { amount = 75.25m });
        await At("2026-03-20T17:50:00Z", $"/api/accounts/{_ada}/close", new { });
    }

    [Theory]
    [InlineData("2026-03-02T09:00:00Z", "0.00", 1, "Basic", "Open")]      // exactly at the opening: included
    [InlineData("2026-03-02T10:00:00Z", "100.00", 2, "Basic", "Open")]    // exactly at the deposit: included
    [InlineData("2026-03-02T09:59:59.9999999Z", "0.00", 1, "Basic", "Open")] // one tick before it: not
    [InlineData("2026-03-07T00:00:00Z", "60.00", 3, "Basic", "Open")]     // between events
    [InlineData("2026-03-12T00:00:00Z", "60.00", 4, "Plus", "Open")]      // after the plan change
    [InlineData("2026-03-16T00:00:00Z", "75.25", 5, "Plus", "Open")]
    [InlineData("2026-03-20T17:49:59Z", "0.00", 6, "Plus", "Open")]       // emptied, not yet closed
    [InlineData("2026-03-25T00:00:00Z", "0.00", 7, "Plus", "Closed")]     // after the close: says closed
    public async Task An_account_as_of_an_instant_is_the_fold_of_the_events_recorded_at_or_before_it(string asOf, string balance, long version, string plan, string status)
    {
        var account = await GetAccount(_ada, asOf);

        Assert.Equal(decimal.Parse(balance, System.Globalization.CultureInfo.InvariantCulture), account.GetProperty("balance").GetDecimal());
        Assert.Equal(version, account.GetProperty("version").GetInt64());
        Assert.Equal(plan, account.GetProperty("plan").GetString());
        Assert.Equal(status, account.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Just_before_the_first_event_the_account_did_not_exist_yet()
    {
        var response = await _client.GetAsync($"/api/accounts/{_ada}?asOf=2026-03-02T08:59:59Z");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("had not been opened yet", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_balances_as_of_an_instant_are_what_the_log_folds_to()
    {
        var at = JsonDocument.Parse(await _client.GetStringAsync("/api/balances?asOf=2026-03-06T15:00:00Z")).RootElement;
        var before = JsonDocument.Parse(await _client.GetStringAsync("/api/balances?asOf=2026-03-03T10:59:59Z")).RootElement;

        Assert.Equal("history read model + the log past its checkpoint", at.GetProperty("source").GetString());
        var balances = at.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("owner").GetString()!, r => r.GetProperty("balance").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["Ada Lovelace"] = 60.00m, ["Grace Hopper"] = -300.00m }, balances);
        Assert.Equal(["Ada Lovelace"], before.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task The_same_fold_can_stop_at_a_global_position()
    {
        var queries = (LedgerQueries)_app.Services.GetService(typeof(LedgerQueries))!;

        // Positions: 1 open A, 2 deposit A, 3 open G, 4 withdraw A, 5 withdraw G, ...
        var atThree = await queries.ListAccountsAsync(upToPosition: 3);
        var ada = await queries.GetAccountAtPositionAsync(Core.Domain.AccountId.Parse(_ada), 4);

        Assert.Equal([100.00m, 0.00m], atThree.Select(a => a.Balance));
        Assert.Equal((60.00m, 3L), (ada.View!.Balance, ada.Version));
    }

    private async Task<CommandResult> At(string instant, string url, object body)
    {
        _clock.SetUtcNow(Utc(instant));
        var response = await _client.PostJson(url, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadAs<CommandResult>();
    }

    private async Task Put(string instant, string url, object body)
    {
        _clock.SetUtcNow(Utc(instant));
        var response = await _client.PutAsync(url, System.Net.Http.Json.JsonContent.Create(body));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> GetAccount(string id, string asOf)
    {
        var response = await _client.GetAsync($"/api/accounts/{id}?asOf={Uri.EscapeDataString(asOf)}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
