using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.App.Features.Integrity;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Integrity;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Api;

/// <summary>The tamper-evident log over HTTP: a digest, rows with their hashes, proofs that check out with the store-free verifier.</summary>
[Trait("Proof", "Integrity")]
public sealed class IntegrityApiTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_digest_taken_earlier_is_extended_by_a_later_one_and_every_row_comes_with_its_proof()
    {
        var opened = await (await _client.PostJson("/api/accounts", new { owner = "Digest Keeper", plan = "Basic", currency = "EUR" })).ReadAs<CommandResult>();
        var earlier = await _client.GetFromJsonAsync<IntegrityDigest>("/api/integrity");
        await _client.PostJson($"/api/accounts/{opened.AccountId}/deposits", new { amount = 12.5m });
        var later = await _client.GetFromJsonAsync<IntegrityDigest>("/api/integrity");

        Assert.True(later!.Position > earlier!.Position);
        Assert.Matches("^[0-9a-f]{64}$", later.Hash);
        var consistency = await _client.GetFromJsonAsync<ConsistencyProof>($"/api/integrity/consistency?from={earlier.Position}&to={later.Position}");
        Assert.True(IntegrityProofs.VerifyConsistency(consistency!, earlier, later, out var why), why);

        var rows = await _client.GetFromJsonAsync<List<EventLogRow>>($"/api/events?from={later.Position}&limit=1");
        Assert.Equal(later.Hash, rows!.Single().Hash); // the head row's stored hash is the digest's
        var answer = await _client.GetFromJsonAsync<IntegrityEndpoints.ProofAnswer>($"/api/events/{opened.Position}/proof?digest={later.Position}");
        Assert.True(IntegrityProofs.VerifyInclusion(answer!.Event.ToStored(), answer.Proof, later, out why), why);
        Assert.False(IntegrityProofs.VerifyInclusion(answer.Event.ToStored() with { Metadata = answer.Event.Metadata.Replace("admin", "mallory", StringComparison.Ordinal) }, answer.Proof, later, out _));
    }

    [Fact]
    public async Task Verify_walks_the_whole_chain_for_an_admin_and_checks_a_digest_sent_with_it()
    {
        var digest = await _client.GetFromJsonAsync<IntegrityDigest>("/api/integrity");

        var response = await _client.PostAsJsonAsync("/api/integrity/verify", new { digest });

        response.EnsureSuccessStatusCode();
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(answer.GetProperty("intact").GetBoolean());
        Assert.True(answer.GetProperty("verifiedTo").GetInt64() >= digest!.Position);
        Assert.True(answer.GetProperty("digestHolds").GetBoolean());
        var forged = await _client.PostAsJsonAsync("/api/integrity/verify", new { digest = digest with { Hash = new string('0', 64) } });
        Assert.False(JsonDocument.Parse(await forged.Content.ReadAsStringAsync()).RootElement.GetProperty("digestHolds").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClientAs("carol").PostAsync("/api/integrity/verify", null)).StatusCode);
    }

    [Theory]
    [InlineData("/api/events/0/proof", 404, "event_not_found")]
    [InlineData("/api/events/99999999/proof", 404, "event_not_found")]
    [InlineData("/api/events/1/proof?digest=0", 400, "digest_out_of_range")]
    [InlineData("/api/events/1/proof?digest=99999999", 400, "digest_out_of_range")]
    [InlineData("/api/integrity?size=-1", 400, "size_out_of_range")]
    [InlineData("/api/integrity?size=99999999", 400, "size_out_of_range")]
    [InlineData("/api/integrity/consistency", 400, "from_missing")]
    [InlineData("/api/integrity/consistency?from=0", 400, "size_out_of_range")]
    [InlineData("/api/integrity/consistency?from=3&to=2", 400, "size_out_of_range")]
    public async Task Bad_proof_requests_get_a_problem_naming_what_is_wrong(string url, int status, string code)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
