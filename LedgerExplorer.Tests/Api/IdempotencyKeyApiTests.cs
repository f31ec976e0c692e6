using System.Net;
using System.Text.Json;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Api;

/// <summary>
/// Idempotent commands: a client that times out and retries with the same <c>Idempotency-Key</c> gets the original
/// answer and nothing is appended twice — sequentially, ten at once, and across a restart of the App.
/// </summary>
[Trait("Proof", "ReadYourOwnWrites")]
public sealed class IdempotencyKeyApiTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_same_deposit_sent_twice_with_one_key_is_applied_once_and_both_answers_are_equal()
    {
        var id = await OpenAsync();
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(HttpMethod.Post, $"/api/accounts/{id}/deposits", new { amount = 40.25m }, key);
        var retry = await SendAsync(HttpMethod.Post, $"/api/accounts/{id}/deposits", new { amount = 40.25m }, key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((first.Status, first.Body), (retry.Status, retry.Body));
        Assert.Equal(1, await DepositsAsync(id));
        Assert.Equal(40.25m, JsonDocument.Parse(retry.Body).RootElement.GetProperty("state").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Ten_concurrent_sends_of_one_key_append_one_event_and_give_ten_equal_answers()
    {
        var id = await OpenAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => SendAsync(HttpMethod.Post, $"/api/accounts/{id}/deposits", new { amount = 7m }, key))));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, answers[0].Body), (a.Status, a.Body)));
        Assert.Equal(1, await DepositsAsync(id));
    }

    [Fact]
    public async Task Opening_twice_with_one_key_opens_one_account_and_answers_201_both_times()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { owner = "Barbara Liskov", plan = "Plus", currency = "USD" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SendAsync(HttpMethod.Post, "/api/accounts", body, key))));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.Created, answers[0].Body), (a.Status, a.Body)));
        var id = JsonDocument.Parse(answers[0].Body).RootElement.GetProperty("accountId").GetString();
        var rows = await (await _client.GetAsync($"/api/events?stream=account-{id}", TestContext.Current.CancellationToken)).ReadAs<List<EventLogRow>>();
        Assert.Single(rows);
    }

    [Theory]
    [InlineData("/api/accounts/{id}/deposits", 41)] // another amount
    [InlineData("/api/accounts/{id}/withdrawals", 40)] // another command
    public async Task The_same_key_with_another_request_is_refused_and_appends_nothing(string path, int amount)
    {
        var id = await OpenAsync();
        var key = Guid.NewGuid().ToString();
        await SendAsync(HttpMethod.Post, $"/api/accounts/{id}/deposits", new { amount = 40m }, key);

        var reused = await SendAsync(HttpMethod.Post, path.Replace("{id}", id, StringComparison.Ordinal), new { amount }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal("idempotency_key_reused", JsonDocument.Parse(reused.Body).RootElement.GetProperty("code").GetString());
        Assert.Equal(1, await DepositsAsync(id) + await CountAsync(id, "MoneyWithdrawn"));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901")] // 201 characters
    public async Task A_malformed_key_is_a_400_and_appends_nothing(string key)
    {
        var id = await OpenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{id}/deposits") { Content = JsonContent(new { amount = 1m }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("idempotency_key_malformed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await DepositsAsync(id));
    }

    [Fact]
    public async Task A_key_is_still_honoured_after_the_app_restarts_because_it_lives_in_the_log()
    {
        using var data = new TempDirectory();
        var key = Guid.NewGuid().ToString();
        string id, before;
        await using (var first = await AppProcess.StartAsync(data.Path))
        {
            using var http = await first.SignInAsync();
            id = JsonDocument.Parse(await (await http.PostJson("/api/accounts", new { owner = "Ada", plan = "Basic", currency = "EUR" })).Content.ReadAsStringAsync()).RootElement.GetProperty("accountId").GetString()!;
            before = await SendOnAsync(http, $"/api/accounts/{id}/deposits", key);
        }

        await using var second = await AppProcess.StartAsync(data.Path);
        using var again = await second.SignInAsync();
        var after = await SendOnAsync(again, $"/api/accounts/{id}/deposits", key);

        Assert.Equal(before, after);
        var rows = await (await again.GetAsync($"/api/events?stream=account-{id}", TestContext.Current.CancellationToken)).ReadAs<List<EventLogRow>>();
        Assert.Single(rows, r => r.EventType == "MoneyDeposited");
    }

    private static async Task<string> SendOnAsync(HttpClient http, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent(new { amount = 9.99m }) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body, LedgerAppFactory.Json), System.Text.Encoding.UTF8, "application/json");

    private async Task<string> OpenAsync() =>
        (await (await _client.PostJson("/api/accounts", new { owner = "Grace Hopper", plan = "Basic", currency = "EUR" })).ReadAs<CommandResult>()).AccountId;

    private Task<int> DepositsAsync(string id) => CountAsync(id, "MoneyDeposited");

    private async Task<int> CountAsync(string id, string type) =>
        (await (await _client.GetAsync($"/api/events?stream=account-{id}")).ReadAs<List<EventLogRow>>()).Count(r => r.EventType == type);
}
