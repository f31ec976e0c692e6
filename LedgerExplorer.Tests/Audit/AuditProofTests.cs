using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LedgerExplorer.App.Features.Audit;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Audit;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LedgerExplorer.Tests.Audit;

/// <summary>Plan changes by different staff across several days, and the audit answers worked out by hand.</summary>
[Trait("Proof", "Audit")]
public sealed class AuditProofTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(Utc("2026-03-01T00:00:00Z"));
    private readonly LedgerAppFactory _app;
    private readonly HttpClient _client;
    private string _ada = "";
    private readonly Dictionary<string, HttpClient> _staff = [];

    public AuditProofTests()
    {
        _app = new LedgerAppFactory { Clock = _clock };
        _client = _app.CreateClient();
    }

    public async ValueTask InitializeAsync()
    {
        _ada = (await Send("2026-03-02T09:00:00Z", "alice", HttpMethod.Post, "/api/accounts", new { owner = "Ada Lovelace", plan = "Basic", currency = "EUR" })).AccountId;
        var grace = (await Send("2026-03-02T09:30:00Z", "alice", HttpMethod.Post, "/api/accounts", new { owner = "Grace Hopper", plan = "Basic", currency = "USD" })).AccountId;
        await Send("2026-03-03T14:05:00Z", "bob", HttpMethod.Put, $"/api/accounts/{_ada}/plan", new { plan = "Premium" });
        await Send("2026-03-04T11:00:00Z", "alice", HttpMethod.Post, $"/api/accounts/{_ada}/deposits", new { amount = 50m });
        await Send("2026-03-05T10:00:00Z", "admin", HttpMethod.Put, $"/api/accounts/{_ada}/plan", new { plan = "Plus" });
        await Send("2026-03-05T12:00:00Z", "bob", HttpMethod.Put, $"/api/accounts/{grace}/plan", new { plan = "Premium" }); // another account, same day
        await Send("2026-03-05T16:30:00Z", "bob", HttpMethod.Put, $"/api/accounts/{_ada}/plan", new { plan = "Basic" });
    }

    [Fact]
    public async Task A_day_with_one_change_names_who_when_the_prior_plan_and_the_new_one()
    {
        var answer = await Ask("2026-03-03");

        var change = Assert.Single(answer.Changes);
        Assert.Equal((Utc("2026-03-03T14:05:00Z"), "bob", "Basic", "Premium", 2L), (change.OccurredAt, change.Actor, change.PriorPlan.ToString(), change.NewPlan.ToString(), change.Version));
        Assert.Equal(3, change.Position);
        Assert.Equal("Premium", answer.PlanInForce.ToString());
        Assert.Equal(["On 3 March 2026 at 14:05 UTC, bob changed the plan from Basic to Premium."], AuditSentences.For(answer));
    }

    [Fact]
    public async Task A_day_with_two_changes_lists_both_in_order_with_the_priors_chaining()
    {
        var answer = await Ask("2026-03-05");

        Assert.Equal(
            [("admin", "Premium", "Plus", Utc("2026-03-05T10:00:00Z")), ("bob", "Plus", "Basic", Utc("2026-03-05T16:30:00Z"))],
            answer.Changes.Select(c => (c.Actor, c.PriorPlan.ToString(), c.NewPlan.ToString(), c.OccurredAt)));
        Assert.Equal("Basic", answer.PlanInForce.ToString());
    }

    [Fact]
    public async Task A_day_with_no_change_is_an_empty_list_with_the_plan_in_force()
    {
        var quiet = await Ask("2026-03-04");
        var beforeOpening = await Ask("2026-03-01");

        Assert.Empty(quiet.Changes);
        Assert.Equal("Premium", quiet.PlanInForce.ToString());
        Assert.Equal(["On 4 March 2026 nobody changed the plan; it was Premium at the end of that day."], AuditSentences.For(quiet));
        Assert.Empty(beforeOpening.Changes);
        Assert.Null(beforeOpening.PlanInForce);
    }

    [Fact]
    public async Task An_unknown_account_is_404_and_a_malformed_date_is_400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/audit/accounts/0123456789ab/plan?date=2026-03-05")).StatusCode);
        foreach (var bad in new[] { "2026-3-5", "yesterday", "2026-02-30", "" })
        {
            var response = await _client.GetAsync($"/api/audit/accounts/{_ada}/plan?date={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_account_timeline_gives_each_change_with_its_before_and_after()
    {
        var changes = await _client.GetFromJsonAsync<List<AccountChange>>($"/api/audit/accounts/{_ada}?from=2026-03-04T00:00:00Z&to=2026-03-05T12:00:00Z", LedgerAppFactory.Json);

        Assert.Equal(
            [("alice", "MoneyDeposited", "balance", "0.00", "50.00"), ("admin", "PlanChanged", "plan", "Premium", "Plus")],
            changes!.Select(c => (c.Actor, c.EventType, c.Fields.Single().Field, c.Fields.Single().Before, c.Fields.Single().After)));
    }

    [Fact]
    public async Task After_the_owner_is_forgotten_the_answers_are_the_same_and_the_staff_actors_remain()
    {
        var before = new[] { await Ask("2026-03-03"), await Ask("2026-03-04"), await Ask("2026-03-05") };

        _clock.SetUtcNow(Utc("2026-03-10T09:00:00Z"));
        Assert.True((await _client.PostAsync($"/api/accounts/{_ada}/forget", null)).IsSuccessStatusCode);

        var after = new[] { await Ask("2026-03-03"), await Ask("2026-03-04"), await Ask("2026-03-05") };
        Assert.Equal(before.Select(a => (a.PlanInForce, a.Changes.ToList())), after.Select(a => (a.PlanInForce, a.Changes.ToList())), new AnswerComparer());
        Assert.Equal(["bob"], after[0].Changes.Select(c => c.Actor));
        var account = JsonDocument.Parse(await _client.GetStringAsync($"/api/accounts/{_ada}")).RootElement;
        Assert.Equal(Core.Domain.PersonalData.Erased, account.GetProperty("owner").GetString());
    }

    private sealed class AnswerComparer : IEqualityComparer<(Core.Domain.Plan?, List<PlanChangeRecord>)>
    {
        public bool Equals((Core.Domain.Plan?, List<PlanChangeRecord>) x, (Core.Domain.Plan?, List<PlanChangeRecord>) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((Core.Domain.Plan?, List<PlanChangeRecord>) obj) => obj.Item2.Count;
    }

    private async Task<PlanAuditAnswer> Ask(string date)
    {
        var response = await _client.GetAsync($"/api/audit/accounts/{_ada}/plan?date={date}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PlanAuditAnswer>(LedgerAppFactory.Json))!;
    }

    private async Task<CommandResult> Send(string instant, string actor, HttpMethod method, string url, object body)
    {
        _clock.SetUtcNow(Utc(instant));
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        // Who did it is who signed in: each member of staff has a client of their own.
        if (!_staff.TryGetValue(actor, out var client)) _staff[actor] = client = _app.CreateClientAs(actor);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CommandResult>(LedgerAppFactory.Json))!;
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
