using System.Net;
using System.Text;
using System.Text.Json;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Api;

/// <summary>
/// Strict input across every endpoint: each bad request below gets its status, a problem+json body with its code and a
/// readable detail, and appends nothing. Then generated ones: amounts with too many places, names with invisible characters.
/// </summary>
public sealed class StrictInputApiTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    private const string Id = "{id}";
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string, string, string?, int, string> BadRequests => new()
    {
        // Opening an account.
        { "POST", "/api/accounts", """{"owner":"Ada","plan":"Basic, Premium","currency":"EUR"}""", 400, "plan_unknown" },
        { "POST", "/api/accounts", """{"owner":"Ada","plan":"Basic,Plus","currency":"EUR"}""", 400, "plan_unknown" },
        { "POST", "/api/accounts", """{"owner":"Ada","plan":"2","currency":"EUR"}""", 400, "plan_unknown" },
        { "POST", "/api/accounts", """{"owner":"Ada","plan":"-1","currency":"EUR"}""", 400, "plan_unknown" },
        { "POST", "/api/accounts", """{"owner":"Ada","plan":" Basic","currency":"EUR"}""", 400, "plan_unknown" },
        { "POST", "/api/accounts", """{"owner":"Ada","plan":"","currency":"EUR"}""", 400, "plan_unknown" },
        { "POST", "/api/accounts", """{"owner":"Ada","currency":"EUR"}""", 400, "plan_unknown" },
        { "POST", "/api/accounts", """{"owner":"Ada","plan":2,"currency":"EUR"}""", 400, "malformed_request" },
        { "POST", "/api/accounts", """{"owner":"Ada\u202Eecila","plan":"Basic","currency":"EUR"}""", 400, "owner_invisible_characters" },
        { "POST", "/api/accounts", """{"owner":"Ada\u200BLovelace","plan":"Basic","currency":"EUR"}""", 400, "owner_invisible_characters" },
        { "POST", "/api/accounts", """{"owner":"Ada\u200DLovelace","plan":"Basic","currency":"EUR"}""", 400, "owner_invisible_characters" },
        { "POST", "/api/accounts", """{"owner":"Ada\uFEFF","plan":"Basic","currency":"EUR"}""", 400, "owner_invisible_characters" },
        { "POST", "/api/accounts", """{"owner":"Ada\u2066Lovelace","plan":"Basic","currency":"EUR"}""", 400, "owner_invisible_characters" },
        { "POST", "/api/accounts", """{"owner":"Ada\u0007","plan":"Basic","currency":"EUR"}""", 400, "owner_malformed" },
        { "POST", "/api/accounts", """{"owner":" Ada","plan":"Basic","currency":"EUR"}""", 400, "owner_malformed" },
        { "POST", "/api/accounts", """{"owner":"   ","plan":"Basic","currency":"EUR"}""", 400, "owner_missing" },
        { "POST", "/api/accounts", """{"owner":"","plan":"Basic","currency":"EUR"}""", 400, "owner_missing" },
        { "POST", "/api/accounts", """{"owner":42,"plan":"Basic","currency":"EUR"}""", 400, "malformed_request" },
        { "POST", "/api/accounts", """{"owner":"Ada","plan":"Basic","currency":"eur"}""", 400, "currency_unknown" },
        { "POST", "/api/accounts", """{"owner":"Ada","plan":"Basic"}""", 400, "currency_unknown" },
        { "POST", "/api/accounts", "null", 400, "malformed_request" },
        { "POST", "/api/accounts", "\"Ada\"", 400, "malformed_request" },
        // Money.
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":10.0000000000000000000000000001}""", 400, "amount_too_precise" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":0.001}""", 400, "amount_too_precise" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":"5"}""", 400, "amount_not_a_number" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":true}""", 400, "amount_not_a_number" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":{"value":5}}""", 400, "amount_not_a_number" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":5e0}""", 400, "amount_malformed" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":-0.01}""", 400, "amount_not_positive" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":null}""", 400, "amount_missing" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":99999999999999999999999999999999}""", 400, "amount_malformed" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":5,"expectedVersion":"1"}""", 400, "malformed_request" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":5,"reference":7}""", 400, "malformed_request" },
        { "POST", $"/api/accounts/{Id}/withdrawals", """{"amount":1.005}""", 400, "amount_too_precise" },
        { "POST", $"/api/accounts/{Id}/withdrawals", """{"amount":"1"}""", 400, "amount_not_a_number" },
        { "POST", $"/api/accounts/{Id}/withdrawals", """{"amount":5000}""", 422, "insufficient_funds" },
        // Late postings, reversals, statements (the admin may post late; the account was opened just now).
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":5,"occurredAt":"yesterday","reason":"late"}""", 400, "malformed_request" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":5,"occurredAt":"2999-01-01T00:00:00Z","reason":"late"}""", 400, "occurred_in_future" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":5,"occurredAt":"2000-01-01T00:00:00Z","reason":"late"}""", 400, "occurred_before_opening" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":5,"occurredAt":"2000-01-01T00:00:00Z"}""", 400, "reason_required" },
        { "POST", $"/api/accounts/{Id}/deposits", """{"amount":5,"occurredAt":"2000-01-01T00:00:00Z","reason":"late\u202E"}""", 400, "reason_malformed" },
        { "POST", $"/api/accounts/{Id}/withdrawals", $$"""{"amount":5,"occurredAt":"2000-01-01T00:00:00Z","reason":"{{new string('r', 201)}}"}""", 400, "reason_too_long" },
        { "POST", $"/api/accounts/{Id}/reversals", "{}", 400, "event_id_missing" },
        { "POST", $"/api/accounts/{Id}/reversals", """{"eventId":"not-a-guid","reason":"x"}""", 400, "malformed_request" },
        { "POST", $"/api/accounts/{Id}/reversals", """{"eventId":"0190d000-0000-7000-8000-000000000001","reason":"x"}""", 422, "not_reversible" },
        { "POST", $"/api/accounts/{Id}/reversals", """{"eventId":"0190d000-0000-7000-8000-000000000001"}""", 400, "reason_required" },
        { "POST", "/api/accounts/0123456789ab/reversals", """{"eventId":"0190d000-0000-7000-8000-000000000001","reason":"x"}""", 404, "account_not_found" },
        { "POST", $"/api/accounts/{Id}/statements", "{}", 400, "month_missing" },
        { "POST", $"/api/accounts/{Id}/statements", """{"month":"2026-13"}""", 400, "month_invalid" },
        { "POST", $"/api/accounts/{Id}/statements", """{"month":"2999-01"}""", 422, "month_not_over" },
        { "POST", $"/api/accounts/{Id}/statements", """{"month":"2000-01"}""", 422, "month_before_opening" },
        { "GET", $"/api/accounts/{Id}/statements/October", null, 400, "month_invalid" },
        { "GET", "/api/accounts/0123456789ab/statements/2026-01", null, 404, "account_not_found" },
        { "GET", $"/api/accounts/{Id}?knownAt=later", null, 400, "known_at_malformed" },
        { "GET", "/api/balances?asOf=2026-01-01T00:00:00Z&knownAt=soon", null, 400, "known_at_malformed" },
        // Plans, closing, forgetting.
        { "PUT", $"/api/accounts/{Id}/plan", """{"plan":"Basic, Premium"}""", 400, "plan_unknown" },
        { "PUT", $"/api/accounts/{Id}/plan", """{"plan":"3"}""", 400, "plan_unknown" },
        { "PUT", $"/api/accounts/{Id}/plan", """{"plan":null}""", 400, "plan_unknown" },
        { "PUT", $"/api/accounts/{Id}/plan", """{"plan":"Plus","expectedVersion":-2}""", 400, "expected_version_negative" },
        { "POST", $"/api/accounts/{Id}/close", """{"expectedVersion":-1}""", 400, "expected_version_negative" },
        { "POST", "/api/accounts/0123456789ab/forget", null, 404, "account_not_found" },
        { "POST", "/api/accounts/NOT-AN-ID/forget", null, 404, "account_not_found" },
        // Reads.
        { "GET", $"/api/accounts/{Id}?asOf=tomorrow", null, 400, "as_of_malformed" },
        { "GET", $"/api/audit/accounts/{Id}/plan?date=9999-12-31", null, 400, "date_out_of_range" },
        { "GET", $"/api/audit/accounts/{Id}/plan?date=2026-13-01", null, 400, "date_malformed" },
        { "GET", $"/api/audit/accounts/{Id}/plan", null, 400, "date_malformed" },
        { "GET", "/api/events?stream=a.b", null, 400, "stream_malformed" },
        { "GET", "/api/events?stream=account%20x", null, 400, "stream_malformed" },
        { "GET", "/api/events?stream=ledger.%3E", null, 400, "stream_malformed" },
        { "GET", "/api/events?from=-1", null, 400, "from_out_of_range" },
        { "GET", "/api/events?limit=0", null, 400, "limit_out_of_range" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_answered_with_its_status_and_code_and_appends_nothing(string method, string url, string? body, int status, string code)
    {
        var id = await OpenAsync();
        await AssertRefusedAsync(method, url.Replace(Id, id, StringComparison.Ordinal), body, status, code);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_parsed()
    {
        var id = await OpenAsync();
        var huge = $$"""{"amount":5,"reference":"{{new string('x', 30 * 1024 * 1024)}}"}""";
        await AssertRefusedAsync("POST", $"/api/accounts/{id}/deposits", huge, 413, "body_too_large");
    }

    [Fact]
    public async Task Generated_amounts_with_more_than_two_places_are_all_refused_as_too_precise()
    {
        var id = await OpenAsync();
        var random = new Random(2026);
        for (var i = 0; i < 40; i++)
        {
            var places = random.Next(3, 40);
            var digits = string.Concat(Enumerable.Range(0, places).Select(p => p == places - 1 ? (char)('1' + random.Next(9)) : (char)('0' + random.Next(10))));
            await AssertRefusedAsync("POST", $"/api/accounts/{id}/deposits", $$"""{"amount":{{random.Next(0, 100_000)}}.{{digits}}}""", 400, "amount_too_precise");
        }
    }

    [Fact]
    public async Task Generated_names_hiding_an_invisible_format_character_are_all_refused()
    {
        char[] invisible = ['\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2060', '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF', '\u00AD'];
        var random = new Random(7);
        foreach (var c in invisible)
        {
            var name = "Ada Lovelace".Insert(random.Next(1, 11), c.ToString());
            await AssertRefusedAsync("POST", "/api/accounts", JsonSerializer.Serialize(new { owner = name, plan = "Basic", currency = "EUR" }), 400, "owner_invisible_characters");
        }
    }

    private async Task AssertRefusedAsync(string method, string url, string? body, int status, string code)
    {
        var store = app.Services.GetRequiredService<IEventStoreReader>();
        var head = await store.ReadHeadPositionAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await _client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{method} {url}: expected {status}, got {(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(head, await store.ReadHeadPositionAsync());
    }

    private async Task<string> OpenAsync()
    {
        var response = await _client.PostAsync("/api/accounts", new StringContent("""{"owner":"Test Owner","plan":"Basic","currency":"EUR"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAs<CommandResult>()).AccountId;
    }
}
