using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LedgerExplorer.Tests.Temporal;

/// <summary>
/// One account, two clocks. The store stamps recorded-at from the clock (set before each request); business time is
/// the clock too, unless a manager posts late. The history, by hand (a Basic account, EUR):
/// <code>
///         event                          occurred           recorded
///   A     open                           20 Sep 09:00       20 Sep 09:00
///   B     deposit 100                    25 Sep 10:00       25 Sep 10:00
///   C     withdraw 30 (a card charge)    10 Oct 12:00       10 Oct 12:00
///   D     deposit 500, posted late       1 Oct 12:00        5 Nov 09:00    "salary posted late"
///   E     reversal of C (+30)            10 Oct 12:00       20 Nov 15:00   "disputed card charge"
///   F     deposit 7, posted late         28 Sep 08:00       25 Nov 11:00   "interest correction"
/// </code>
/// and September's statement issued on 22 November, before F was posted.
/// The balance at business time T as known at K (only the events recorded by K that happened by T):
/// <code>
///                      T = 30 Sep   T = 5 Oct   T = 31 Oct
///   K = 15 Oct            100          100          70        (B; B; B − C)
///   K = 10 Nov            100          600         570        (B; B + D; B + D − C)
///   K = 30 Nov            107          607         607        (B + F; B + F + D; B + F + D − C + E)
/// </code>
/// </summary>
[Trait("Proof", "Bitemporal")]
public sealed class BitemporalProofTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(Utc("2026-09-01T00:00:00Z"));
    private readonly LedgerAppFactory _app;
    private readonly Dictionary<string, HttpClient> _staff = [];
    private string _account = "";
    private StatementComparison? _octoberBeforeTheLatePostings;

    public BitemporalProofTests() => _app = new LedgerAppFactory { Clock = _clock };

    public static TheoryData<string, string, decimal> Table => new()
    {
        { "2026-09-30T23:59:59Z", "2026-10-15T00:00:00Z", 100m },
        { "2026-10-05T00:00:00Z", "2026-10-15T00:00:00Z", 100m },
        { "2026-10-31T23:59:59Z", "2026-10-15T00:00:00Z", 70m },
        { "2026-09-30T23:59:59Z", "2026-11-10T00:00:00Z", 100m },
        { "2026-10-05T00:00:00Z", "2026-11-10T00:00:00Z", 600m },
        { "2026-10-31T23:59:59Z", "2026-11-10T00:00:00Z", 570m },
        { "2026-09-30T23:59:59Z", "2026-11-30T00:00:00Z", 107m },
        { "2026-10-05T00:00:00Z", "2026-11-30T00:00:00Z", 607m },
        { "2026-10-31T23:59:59Z", "2026-11-30T00:00:00Z", 607m },
    };

    public async ValueTask InitializeAsync()
    {
        _account = (await Send("2026-09-20T09:00:00Z", "alice", "/api/accounts", new { owner = "Ada Lovelace", plan = "Basic", currency = "EUR" })).GetProperty("accountId").GetString()!;
        await Send("2026-09-25T10:00:00Z", "alice", $"/api/accounts/{_account}/deposits", new { amount = 100m });
        var charge = await Send("2026-10-10T12:00:00Z", "alice", $"/api/accounts/{_account}/withdrawals", new { amount = 30m, reference = "card 4417" });
        _octoberBeforeTheLatePostings = await StatementAsync("2026-10");
        await Send("2026-11-05T09:00:00Z", "bob", $"/api/accounts/{_account}/deposits", new { amount = 500m, occurredAt = "2026-10-01T12:00:00Z", reason = "salary posted late" });
        var chargeId = await EventIdAtAsync(charge.GetProperty("position").GetInt64());
        await Send("2026-11-20T15:00:00Z", "bob", $"/api/accounts/{_account}/reversals", new { eventId = chargeId, reason = "disputed card charge" });
        await Send("2026-11-22T10:00:00Z", "bob", $"/api/accounts/{_account}/statements", new { month = "2026-09" });
        await Send("2026-11-25T11:00:00Z", "bob", $"/api/accounts/{_account}/deposits", new { amount = 7m, occurredAt = "2026-09-28T08:00:00Z", reason = "interest correction" });
        _clock.SetUtcNow(Utc("2026-12-01T08:00:00Z"));
        await Eventually.Within(TimeSpan.FromSeconds(30), async () => await ProjectionsCaughtUpAsync() ? true : (bool?)null);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task The_balance_at_business_time_T_as_known_at_K_is_the_hand_computed_one(string asOf, string knownAt, decimal expected)
    {
        var account = await GetJson($"/api/accounts/{_account}?asOf={asOf}&knownAt={knownAt}");
        var balances = await GetJson($"/api/balances?asOf={asOf}&knownAt={knownAt}");

        Assert.Equal(expected, account.GetProperty("balance").GetDecimal());
        Assert.Equal(expected, balances.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("accountId").GetString() == _account).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Known_at_defaults_to_now_and_as_of_defaults_to_everything_that_has_happened()
    {
        Assert.Equal(607m, (await GetJson($"/api/accounts/{_account}")).GetProperty("balance").GetDecimal());
        Assert.Equal(107m, (await GetJson($"/api/accounts/{_account}?asOf=2026-09-30T23:59:59Z")).GetProperty("balance").GetDecimal());
        Assert.Equal(570m, (await GetJson($"/api/accounts/{_account}?knownAt=2026-11-10T00:00:00Z")).GetProperty("balance").GetDecimal());
        var readModel = (await GetJson("/api/balances")).GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("accountId").GetString() == _account);
        Assert.Equal(607m, readModel.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task The_statement_as_issued_is_unchanged_by_what_was_recorded_after_its_month_and_the_statement_now_shows_it()
    {
        var october = await StatementAsync("2026-10");

        // As issued (nothing issued it: the month's last instant): the deposit and the charge known by then.
        Assert.Equal((100m, 0m, 30m, 70m), (october.AsIssued.Opening, october.AsIssued.Credits, october.AsIssued.Debits, october.AsIssued.Closing));
        Assert.Equal(["withdrawal"], october.AsIssued.Lines.Select(l => l.Kind));
        Assert.Equal(_octoberBeforeTheLatePostings!.AsIssued with { Lines = [] }, october.AsIssued with { Lines = [] });
        Assert.Equal(_octoberBeforeTheLatePostings.AsIssued.Lines, october.AsIssued.Lines);

        // Now: the late salary and the reversal in the month, the interest correction in the opening.
        Assert.Equal((107m, 530m, 30m, 607m), (october.AsNow.Opening, october.AsNow.Credits, october.AsNow.Debits, october.AsNow.Closing));
        Assert.Equal(["deposit", "withdrawal", "reversal"], october.AsNow.Lines.Select(l => l.Kind));
        Assert.Equal(
            [("deposit", 500m, "salary posted late"), ("reversal", 30m, "disputed card charge"), ("deposit", 7m, "interest correction")],
            october.Differences.Select(d => (d.Kind, d.BalanceChange, d.Reason)));
        Assert.All(october.Differences, d => Assert.True(d.RecordedAt > october.IssuedAt));
    }

    [Fact]
    public async Task An_issued_statement_is_as_the_ledger_knew_it_when_it_went_out()
    {
        var september = await StatementAsync("2026-09");

        // Issued on 22 November: it knew the deposit of 25 September, not the interest correction posted on the 25th.
        Assert.True(september.Issued);
        Assert.Equal(Utc("2026-11-22T10:00:00Z"), september.IssuedAt);
        Assert.Equal((0m, 100m, 0m, 100m), (september.AsIssued.Opening, september.AsIssued.Credits, september.AsIssued.Debits, september.AsIssued.Closing));
        Assert.Equal((0m, 107m, 0m, 107m), (september.AsNow.Opening, september.AsNow.Credits, september.AsNow.Debits, september.AsNow.Closing));
        Assert.Equal([("deposit", 7m, "interest correction")], september.Differences.Select(d => (d.Kind, d.BalanceChange, d.Reason)));

        var again = await ClientFor("bob").PostAsJsonAsync($"/api/accounts/{_account}/statements", new { month = "2026-09" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task The_original_of_a_reversal_stays_in_the_log_and_each_event_keeps_both_times()
    {
        var events = await _app.CreateClientAs("carol").GetFromJsonAsync<JsonElement>($"/api/events?stream=account-{_account}");
        var rows = events.EnumerateArray().Select(e => (Type: e.GetProperty("eventType").GetString(), Occurred: e.GetProperty("occurredAt").GetDateTimeOffset(), Recorded: e.GetProperty("recordedAt").GetDateTimeOffset())).ToList();

        Assert.Equal(["AccountOpened", "MoneyDeposited", "MoneyWithdrawn", "MoneyDeposited", "TransactionReversed", "StatementIssued", "MoneyDeposited"], rows.Select(r => r.Type));
        Assert.Equal((Utc("2026-10-01T12:00:00Z"), Utc("2026-11-05T09:00:00Z")), (rows[3].Occurred, rows[3].Recorded));
        Assert.Equal((Utc("2026-10-10T12:00:00Z"), Utc("2026-11-20T15:00:00Z")), (rows[4].Occurred, rows[4].Recorded));
        Assert.Equal(rows.Select(r => r.Recorded).Order(), rows.Select(r => r.Recorded));
    }

    [Fact]
    public async Task A_command_cannot_set_when_the_ledger_recorded_it()
    {
        // A client sends a recorded-at of its own (and one inside what looks like metadata): the API has no such field,
        // and the store stamps its clock at commit.
        _clock.SetUtcNow(Utc("2026-12-01T09:00:00Z"));
        var response = await ClientFor("alice").PostAsJsonAsync($"/api/accounts/{_account}/deposits",
            new { amount = 1m, recordedAt = "2000-01-01T00:00:00Z", metadata = new { recordedAt = "2000-01-01T00:00:00Z" } });
        var position = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("position").GetInt64();

        var row = (await _app.CreateClientAs("carol").GetFromJsonAsync<JsonElement>($"/api/events?from={position}&limit=1"))[0];
        Assert.Equal(Utc("2026-12-01T09:00:00Z"), row.GetProperty("recordedAt").GetDateTimeOffset());
        Assert.Equal(Utc("2026-12-01T09:00:00Z"), row.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.DoesNotContain("2000-01-01", row.GetProperty("metadata").GetString()!, StringComparison.Ordinal);
    }

    private async Task<bool> ProjectionsCaughtUpAsync()
    {
        var projections = await _app.CreateClientAs("carol").GetFromJsonAsync<JsonElement>("/api/projections");
        return projections.EnumerateArray().All(p => p.GetProperty("lagEvents").GetInt64() == 0);
    }

    private async Task<StatementComparison> StatementAsync(string month) =>
        (await _app.CreateClientAs("carol").GetFromJsonAsync<StatementComparison>($"/api/accounts/{_account}/statements/{month}", LedgerAppFactory.Json))!;

    private async Task<string> EventIdAtAsync(long position)
    {
        var rows = await _app.CreateClientAs("carol").GetFromJsonAsync<JsonElement>($"/api/events?from={position}&limit=1");
        return JsonDocument.Parse(rows[0].GetProperty("metadata").GetString()!).RootElement.GetProperty("eventId").GetString()!;
    }

    private async Task<JsonElement> GetJson(string url)
    {
        var response = await _app.CreateClientAs("carol").GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> Send(string instant, string actor, string url, object body)
    {
        _clock.SetUtcNow(Utc(instant));
        var response = await ClientFor(actor).PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private HttpClient ClientFor(string actor) => _staff.TryGetValue(actor, out var client) ? client : _staff[actor] = _app.CreateClientAs(actor);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
