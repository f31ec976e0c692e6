using System.Net;
using System.Text.Json;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>The Idempotency-Key on the JetStream backend: the key travels in the event's metadata in the stream, looked up there.</summary>
[Trait("Proof", "SecondBackend")]
public sealed class IdempotencyOnJetStreamTests
{
    [Fact]
    public async Task A_retried_deposit_with_one_key_is_applied_once_on_JetStream_and_another_request_with_it_is_refused()
    {
        var server = await NatsServer.Shared;
        var stream = $"IDEM{Guid.NewGuid():N}";
        await using var app = new LedgerAppFactory
        {
            Settings = { ["EventStore:Backend"] = "JetStream", ["EventStore:JetStream:Url"] = server.Url, ["EventStore:JetStream:Stream"] = stream, ["EventStore:JetStream:SubjectPrefix"] = stream.ToLowerInvariant() },
        };
        var client = app.CreateClient();
        var id = (await (await client.PostJson("/api/accounts", new { owner = "Grace Hopper", plan = "Basic", currency = "USD" })).ReadAs<CommandResult>()).AccountId;
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => DepositAsync(client, id, 12.5m, key))));
        var reused = await DepositAsync(client, id, 13m, key);

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, answers[0].Body), a));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        var rows = await (await client.GetAsync($"/api/events?stream=account-{id}", TestContext.Current.CancellationToken)).ReadAs<List<EventLogRow>>();
        Assert.Single(rows, r => r.EventType == "MoneyDeposited");
    }

    private static async Task<(HttpStatusCode Status, string Body)> DepositAsync(HttpClient client, string id, decimal amount, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{id}/deposits")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { amount }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
