using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LedgerExplorer.App.Features.Edge;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Edge;

/// <summary>
/// The App answers only its own names and its own pages: a foreign <c>Host</c> (DNS rebinding) is 400, a browser's
/// cross-site state-changing request is 403 and changes nothing, and every response carries the headers that keep
/// other sites' scripts, frames and sniffing out.
/// </summary>
[Trait("Proof", "Access")]
public sealed class EdgeClosedToOtherSitesTests : IAsyncLifetime
{
    private readonly LedgerAppFactory _app = new();
    private HttpClient _client = default!;

    public ValueTask InitializeAsync()
    {
        _client = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("rebind.example:5080")]
    [InlineData("rebind.example")]
    [InlineData("10.0.0.7:5080")]
    public async Task A_foreign_host_is_refused_before_anything_is_read(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts");
        request.Headers.Host = host;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    public async Task The_loopback_names_are_served(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/projector");
        request.Headers.Host = host;

        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_form_posted_from_another_site_is_refused_and_pauses_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projector/pause") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Origin", "http://evil.example");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("cross_origin_refused", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        var projector = JsonDocument.Parse(await _client.GetStringAsync("/api/projector")).RootElement;
        Assert.NotEqual("paused", projector.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_form_posted_from_another_site_with_the_users_cookie_is_refused_too()
    {
        // Signed in as a browser is: a cookie from the Identity API, no bearer token.
        using var browser = _app.CreateClientAs(null, new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await browser.PostAsJsonAsync("/api/identity/login?useCookies=true", new { email = "admin", password = App.Features.Identity.DemoUsers.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/projector")).StatusCode); // the cookie signs in

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projector/pause") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Origin", "http://evil.example");
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("cross_origin_refused", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.NotEqual("paused", JsonDocument.Parse(await browser.GetStringAsync("/api/projector")).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_cross_site_request_without_an_origin_is_refused_by_its_fetch_metadata()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projections/balances/rebuild");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_apps_own_origin_and_clients_that_are_not_browsers_may_post()
    {
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/projections/balances/rebuild");
        own.Headers.Add("Origin", "http://localhost");
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(own)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/projections/balances/rebuild", null)).StatusCode);
    }

    [Theory]
    [InlineData("/accounts")]
    [InlineData("/api/accounts")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
