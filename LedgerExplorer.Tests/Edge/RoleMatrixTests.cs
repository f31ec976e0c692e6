using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Edge;

/// <summary>
/// Every /api endpoint the App maps × anonymous and each demo user: anonymous is 401 (but for /api/health), a role the
/// README's table allows gets past authorization (whatever its input then earns: 2xx, 400, 404, 422…), any other is 403.
/// The table is written here, not read from the code it checks; an endpoint missing from it fails the test.
/// </summary>
[Trait("Proof", "Access")]
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private static readonly string[] Everyone = ["alice", "bob", "carol", "dana", "admin"];

    /// <summary>README, "Who may do what": endpoint → the demo users (by role) allowed.</summary>
    private static readonly Dictionary<string, string[]> Table = new()
    {
        ["GET /api/accounts/"] = Everyone,
        ["GET /api/accounts/{id}"] = Everyone,
        ["POST /api/accounts/"] = ["alice", "bob", "admin"],
        ["POST /api/accounts/{id}/deposits"] = ["alice", "bob", "admin"],
        ["POST /api/accounts/{id}/withdrawals"] = ["alice", "bob", "admin"],
        ["PUT /api/accounts/{id}/plan"] = ["bob", "admin"],
        ["POST /api/accounts/{id}/close"] = ["bob", "admin"],
        ["POST /api/accounts/{id}/reversals"] = ["bob", "admin"],
        ["POST /api/accounts/{id}/statements"] = ["bob", "admin"],
        ["GET /api/accounts/{id}/statements/{month}"] = Everyone,
        ["POST /api/accounts/{id}/forget"] = ["dana", "admin"],
        ["GET /api/events"] = Everyone,
        ["GET /api/balances"] = Everyone,
        ["GET /api/statements/{accountId}"] = Everyone,
        ["GET /api/projections"] = Everyone,
        ["POST /api/projections/{name}/rebuild"] = ["admin"],
        ["POST /api/projections/{name}/redeliver"] = ["admin"],
        ["GET /api/projector"] = Everyone,
        ["POST /api/projector/pause"] = ["admin"],
        ["POST /api/projector/resume"] = ["admin"],
        ["GET /api/snapshots"] = Everyone,
        ["GET /api/audit/accounts/{id}/plan"] = ["carol", "admin"],
        ["GET /api/audit/accounts/{id}"] = ["carol", "admin"],
        ["GET /api/integrity"] = Everyone,
        ["GET /api/integrity/consistency"] = Everyone,
        ["GET /api/events/{position}/proof"] = Everyone,
        ["POST /api/integrity/verify"] = ["admin"],
    };

    private readonly LedgerAppFactory _app = new();
    private string _account = "";

    public async ValueTask InitializeAsync()
    {
        var opened = await _app.CreateClient().PostJson("/api/accounts", new { owner = "Matrix Owner", plan = "Basic", currency = "EUR" });
        _account = (await opened.ReadAs<CommandResult>()).AccountId;
    }

    [Fact]
    public void The_table_names_every_api_endpoint_the_app_maps()
    {
        var mapped = ApiEndpoints().Select(e => e.Key).Where(k => k != "GET /api/health").Order().ToList();

        Assert.Equal(Table.Keys.Order().ToList(), mapped);
    }

    [Fact]
    public async Task Anonymous_is_401_everywhere_but_health()
    {
        var anonymous = _app.CreateClientAs(null);
        foreach (var (key, method, url) in Requests())
        {
            var response = await anonymous.SendAsync(Request(method, url));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{key}: {(int)response.StatusCode}, expected 401");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("bob")]
    [InlineData("carol")]
    [InlineData("dana")]
    [InlineData("admin")]
    public async Task Each_role_gets_exactly_what_the_table_allows(string user)
    {
        var client = _app.CreateClientAs(user);
        var wrong = new List<string>();
        foreach (var (key, method, url) in Requests())
        {
            var response = await client.SendAsync(Request(method, url));
            var allowed = Table[key].Contains(user);
            var status = (int)response.StatusCode;
            if (allowed ? status is 401 or 403 : status != 403) wrong.Add($"{key}: {status} ({(allowed ? "allowed" : "not allowed")})");
            if (!allowed && status == 403)
                Assert.Equal("forbidden", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }

        Assert.True(wrong.Count == 0, $"{user}: {string.Join("; ", wrong)}");
    }

    private IEnumerable<(string Key, string Method, string Url)> Requests() =>
        ApiEndpoints().Where(e => e.Key != "GET /api/health").Select(e => (e.Key, e.Method, Concrete(e.Pattern)));

    private List<(string Key, string Method, string Pattern)> ApiEndpoints() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal) && !raw.StartsWith("/api/identity", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Key: $"{m} {e.RoutePattern.RawText}", Method: m, Pattern: e.RoutePattern.RawText!)))
            .Distinct()
            .ToList();

    private string Concrete(string pattern)
    {
        var url = pattern.Replace("{id}", _account, StringComparison.Ordinal).Replace("{accountId}", _account, StringComparison.Ordinal).Replace("{name}", "balances", StringComparison.Ordinal).Replace("{position:long}", "1", StringComparison.Ordinal).Replace("{position}", "1", StringComparison.Ordinal).Replace("{month}", "2026-01", StringComparison.Ordinal);
        return url.EndsWith("/redeliver", StringComparison.Ordinal) ? url + "?position=1" : url;
    }

    private static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        object? body = url switch
        {
            _ when method == "GET" => null,
            _ when url.EndsWith("/deposits", StringComparison.Ordinal) || url.EndsWith("/withdrawals", StringComparison.Ordinal) => new { amount = 1.00m },
            _ when url.EndsWith("/plan", StringComparison.Ordinal) => new { plan = "Plus" },
            "/api/accounts/" => new { owner = "Another Owner", plan = "Basic", currency = "EUR" },
            _ when url.EndsWith("/close", StringComparison.Ordinal) => new { },
            _ when url.EndsWith("/reversals", StringComparison.Ordinal) => new { eventId = Guid.Empty, reason = "matrix" },
            _ when url.EndsWith("/statements", StringComparison.Ordinal) => new { month = "2000-01" },
            _ => null,
        };
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
