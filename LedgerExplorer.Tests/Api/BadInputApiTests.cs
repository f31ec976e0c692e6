using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Api;

/// <summary>Bad input gets a clear problem+json answer with the right status, and appends nothing.</summary>
public sealed class BadInputApiTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string, string, string, HttpStatusCode, string> OpenRequests => new()
    {
        { "malformed JSON", "POST", """{"owner": "Ada", "plan": """, HttpStatusCode.BadRequest, "malformed_request" },
        { "not an object", "POST", "[1,2,3]", HttpStatusCode.BadRequest, "malformed_request" },
        { "unknown plan", "POST", """{"owner":"Ada","plan":"Gold","currency":"EUR"}""", HttpStatusCode.BadRequest, "plan_unknown" },
        { "numeric plan", "POST", """{"owner":"Ada","plan":"2","currency":"EUR"}""", HttpStatusCode.BadRequest, "plan_unknown" },
        { "missing owner", "POST", """{"plan":"Basic","currency":"EUR"}""", HttpStatusCode.BadRequest, "owner_missing" },
        { "huge owner", "POST", $$"""{"owner":"{{new string('A', 5_000)}}","plan":"Basic","currency":"EUR"}""", HttpStatusCode.BadRequest, "owner_too_long" },
        { "huge body", "POST", $$"""{"owner":"{{new string('A', 100_000)}}","plan":"Basic","currency":"EUR"}""", HttpStatusCode.RequestEntityTooLarge, "body_too_large" },
        { "unknown currency", "POST", """{"owner":"Ada","plan":"Basic","currency":"DOGE"}""", HttpStatusCode.BadRequest, "currency_unknown" },
    };

    [Theory]
    [MemberData(nameof(OpenRequests))]
    public async Task Opening_with_bad_input_is_a_clear_error_that_appends_nothing(string why, string method, string body, HttpStatusCode status, string code)
    {
        _ = why;
        await AssertRefusedAndNothingAppended(() => _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/accounts") { Content = Json(body) }), status, code);
    }

    public static TheoryData<string, string, HttpStatusCode, string> DepositBodies => new()
    {
        { "negative amount", """{"amount":-5}""", HttpStatusCode.BadRequest, "amount_not_positive" },
        { "zero amount", """{"amount":0}""", HttpStatusCode.BadRequest, "amount_not_positive" },
        { "three decimals", """{"amount":10.005}""", HttpStatusCode.BadRequest, "amount_too_precise" },
        { "absurdly large", """{"amount":1e30}""", HttpStatusCode.BadRequest, "amount_malformed" },
        { "above the bound", """{"amount":1000000.01}""", HttpStatusCode.BadRequest, "amount_too_large" },
        { "amount as text", """{"amount":"ten"}""", HttpStatusCode.BadRequest, "amount_not_a_number" },
        { "a number as text", """{"amount":"5"}""", HttpStatusCode.BadRequest, "amount_not_a_number" },
        { "too precise to hold", """{"amount":10.0000000000000000000000000001}""", HttpStatusCode.BadRequest, "amount_too_precise" },
        { "an exponent", """{"amount":1.5e2}""", HttpStatusCode.BadRequest, "amount_malformed" },
        { "an array", """{"amount":[5]}""", HttpStatusCode.BadRequest, "amount_not_a_number" },
        { "no amount", """{}""", HttpStatusCode.BadRequest, "amount_missing" },
        { "malformed JSON", """{"amount":""", HttpStatusCode.BadRequest, "malformed_request" },
        { "negative expected version", """{"amount":5,"expectedVersion":-1}""", HttpStatusCode.BadRequest, "expected_version_negative" },
    };

    [Theory]
    [MemberData(nameof(DepositBodies))]
    public async Task A_bad_deposit_is_a_clear_error_that_appends_nothing(string why, string body, HttpStatusCode status, string code)
    {
        _ = why;
        var id = await OpenAsync();
        await AssertRefusedAndNothingAppended(() => _client.PostAsync($"/api/accounts/{id}/deposits", Json(body)), status, code);
    }

    [Theory]
    [InlineData("deposits")]
    [InlineData("withdrawals")]
    [InlineData("close")]
    public async Task A_command_for_an_unknown_account_is_404(string command)
    {
        await AssertRefusedAndNothingAppended(() => _client.PostAsync($"/api/accounts/0123456789ab/{command}", Json("""{"amount":5}""")), HttpStatusCode.NotFound, "account_not_found");
    }

    [Fact]
    public async Task An_account_id_that_cannot_exist_is_404_not_an_error()
    {
        await AssertRefusedAndNothingAppended(() => _client.PostAsync($"/api/accounts/{new string('Z', 5000)}/deposits", Json("""{"amount":5}""")), HttpStatusCode.NotFound, "account_not_found");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/accounts/NOPE")).StatusCode);
    }

    [Fact]
    public async Task A_withdrawal_beyond_balance_and_overdraft_is_422()
    {
        var id = await OpenAsync();
        await AssertRefusedAndNothingAppended(() => _client.PostAsync($"/api/accounts/{id}/withdrawals", Json("""{"amount":1}""")), HttpStatusCode.UnprocessableEntity, "insufficient_funds");
    }

    [Fact]
    public async Task Closing_an_account_with_money_in_it_is_422_and_a_closed_account_refuses_deposits()
    {
        var id = await OpenAsync();
        (await _client.PostAsync($"/api/accounts/{id}/deposits", Json("""{"amount":5}"""))).EnsureSuccessStatusCode();
        await AssertRefusedAndNothingAppended(() => _client.PostAsync($"/api/accounts/{id}/close", null), HttpStatusCode.UnprocessableEntity, "balance_not_zero");

        var other = await OpenAsync();
        (await _client.PostAsync($"/api/accounts/{other}/close", null)).EnsureSuccessStatusCode();
        await AssertRefusedAndNothingAppended(() => _client.PostAsync($"/api/accounts/{other}/deposits", Json("""{"amount":5}""")), HttpStatusCode.UnprocessableEntity, "account_closed");
    }

    [Fact]
    public async Task Changing_to_an_unknown_plan_or_the_same_plan_is_refused()
    {
        var id = await OpenAsync();
        await AssertRefusedAndNothingAppended(() => _client.PutAsync($"/api/accounts/{id}/plan", Json("""{"plan":"Platinum"}""")), HttpStatusCode.BadRequest, "plan_unknown");
        await AssertRefusedAndNothingAppended(() => _client.PutAsync($"/api/accounts/{id}/plan", Json("""{"plan":"Basic"}""")), HttpStatusCode.UnprocessableEntity, "plan_unchanged");
    }

    [Fact]
    public async Task A_malformed_as_of_instant_is_400_and_an_instant_before_opening_is_404_with_a_reason()
    {
        var id = await OpenAsync();

        var malformed = await _client.GetAsync($"/api/accounts/{id}?asOf=yesterday-ish");
        var before = await _client.GetAsync($"/api/accounts/{id}?asOf=2001-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("had not been opened", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/events?from=0")]
    [InlineData("/api/events?limit=0")]
    [InlineData("/api/events?limit=100000")]
    [InlineData("/api/events?from=abc")]
    public async Task Bad_event_log_paging_is_400(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task AssertRefusedAndNothingAppended(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string code)
    {
        var store = app.Services.GetRequiredService<IEventStoreReader>();
        var head = await store.ReadHeadPositionAsync();

        var response = await send();

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(head, await store.ReadHeadPositionAsync());
    }

    private async Task<string> OpenAsync()
    {
        var response = await _client.PostAsync("/api/accounts", Json("""{"owner":"Test Owner","plan":"Basic","currency":"EUR"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAs<CommandResult>()).AccountId;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
