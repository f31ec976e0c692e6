using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Api;

public sealed class AccountsApiTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Opening_an_account_answers_201_with_the_command_result_and_its_location()
    {
        var response = await _client.PostJson("/api/accounts", new { owner = "Grace Hopper", plan = "Plus", currency = "USD" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.ReadAs<CommandResult>();
        Assert.Equal($"/api/accounts/{result.AccountId}", response.Headers.Location?.ToString());
        Assert.Equal(1, result.Version);
        Assert.True(result.Position > 0);
        Assert.Equal(new AccountView(result.AccountId, "Grace Hopper", Plan.Plus, "USD", 0m, 1, AccountStatus.Open), result.State);
    }

    [Fact]
    [Trait("Proof", "ReadYourOwnWrites")]
    public async Task A_command_response_carries_the_new_balance_and_version_straight_from_the_command()
    {
        var id = await OpenAsync();

        var response = await _client.PostJson($"/api/accounts/{id}/deposits", new { amount = 250.75m });

        response.EnsureSuccessStatusCode();
        var result = await response.ReadAs<CommandResult>();
        Assert.Equal((250.75m, 2L), (result.State.Balance, result.Version));
        // The same answer the log gives when folded afresh: the command result is not a guess.
        var folded = await (await _client.GetAsync($"/api/accounts/{id}")).ReadAs<AccountView>();
        Assert.Equal(result.State, folded);
    }

    [Fact]
    public async Task Every_command_moves_the_account_as_the_rules_say()
    {
        var id = await OpenAsync(plan: "Basic");
        await Ok(_client.PostJson($"/api/accounts/{id}/deposits", new { amount = 100m }));
        await Ok(_client.PostJson($"/api/accounts/{id}/withdrawals", new { amount = 40m }));
        var plan = await Ok(_client.PutAsJsonAsync($"/api/accounts/{id}/plan", new { plan = "premium" }));
        Assert.Equal(Plan.Premium, plan.State.Plan);
        await Ok(_client.PostJson($"/api/accounts/{id}/withdrawals", new { amount = 60m }));

        var closed = await Ok(_client.PostAsync($"/api/accounts/{id}/close", null));

        Assert.Equal((AccountStatus.Closed, 0m, 6L), (closed.State.Status, closed.State.Balance, closed.Version));
        var list = await (await _client.GetAsync("/api/accounts")).ReadAs<List<AccountView>>();
        Assert.Contains(closed.State, list);
    }

    [Fact]
    [Trait("Proof", "Access")]
    public async Task The_signed_in_user_is_recorded_in_the_event_metadata_whatever_X_Actor_says()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts") { Content = JsonContent.Create(new { owner = "Ada", plan = "Basic", currency = "EUR" }) };
        request.Headers.Add("X-Actor", "mallory"); // no longer read: the actor is who signed in
        var result = await (await app.CreateClientAs("bob").SendAsync(request)).ReadAs<CommandResult>();

        var rows = await (await _client.GetAsync($"/api/events?stream=account-{result.AccountId}")).ReadAs<List<EventLogRow>>();

        var row = Assert.Single(rows);
        Assert.Equal("bob", JsonDocument.Parse(row.Metadata).RootElement.GetProperty("actor").GetString());
        // The owner's name is personal data: stored as ciphertext, never in clear; plan and currency stay readable.
        Assert.DoesNotContain("Ada", row.Data, StringComparison.Ordinal);
        var data = JsonDocument.Parse(row.Data).RootElement;
        Assert.Equal(["keyId", "nonce", "ciphertext", "tag"], data.GetProperty("owner").EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Basic", "EUR"), (data.GetProperty("plan").GetString(), data.GetProperty("currency").GetString()));
    }

    [Fact]
    [Trait("Proof", "Access")]
    public async Task Without_signing_in_a_command_is_401_and_appends_nothing()
    {
        var head = (await _client.GetAsync("/api/events?from=1&limit=1000")).ReadAs<List<EventLogRow>>();
        var before = (await head).Count;

        var response = await app.CreateClientAs(null).PostJson("/api/accounts", new { owner = "Nobody", plan = "Basic", currency = "EUR" });

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(before, (await (await _client.GetAsync("/api/events?from=1&limit=1000")).ReadAs<List<EventLogRow>>()).Count);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/accounts/{id}/deposits", document, StringComparison.Ordinal);
    }

    private async Task<string> OpenAsync(string plan = "Basic")
    {
        var response = await _client.PostJson("/api/accounts", new { owner = "Test Owner", plan, currency = "EUR" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAs<CommandResult>()).AccountId;
    }

    private static async Task<CommandResult> Ok(Task<HttpResponseMessage> send)
    {
        var response = await send;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadAs<CommandResult>();
    }
}
