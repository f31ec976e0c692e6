using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LedgerExplorer.App.Features.Identity;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace LedgerExplorer.Tests.Edge;

/// <summary>
/// <c>Ledger:Auth=Required</c> end to end: no demo users, pages send to a sign-in page, the first admin is added from the
/// command line, signs in (by token and by the page's form), and what they do is recorded as theirs. And Demo mode
/// refuses to start on an address beyond loopback.
/// </summary>
[Trait("Proof", "Access")]
public sealed partial class RequiredModeTests
{
    [Fact]
    public async Task Without_demo_users_the_first_admin_comes_from_the_command_line_and_signs_in()
    {
        await using var app = new LedgerAppFactory { Settings = { ["Ledger:Auth"] = "Required" } };
        var anonymous = app.CreateClientAs(null);

        // No demo users, no demo sign-in.
        var demo = await anonymous.PostAsJsonAsync("/api/identity/login", new { email = "alice", password = DemoUsers.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, demo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/auth/demo?user=admin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/api/identity/register", new { email = "me@x.example", password = "Whatever-1" })).StatusCode);

        // The first admin, added from the command line with the password on standard input.
        var (exit, output) = await AppProcess.RunAsync(["users", "add", "root", "--role", "admin", "--Ledger:DataDir", app.DataDir], input: "Root-password-1");
        Assert.True(exit == 0, output);
        Assert.Contains("Added root (admin)", output, StringComparison.Ordinal);
        var (again, refused) = await AppProcess.RunAsync(["users", "add", "root", "--role", "admin", "--Ledger:DataDir", app.DataDir], input: "Root-password-1");
        Assert.Equal(1, again);
        Assert.Contains("already exists", refused, StringComparison.Ordinal);

        // A bearer token for root; what root does is recorded as root's.
        using var root = app.CreateClientAs(null);
        root.DefaultRequestHeaders.Authorization = await DemoSignIn.BearerAsync(anonymous, "root", "Root-password-1"); // throws unless 200
        var opened = await (await root.PostJson("/api/accounts", new { owner = "Root's Customer", plan = "Basic", currency = "EUR" })).ReadAs<CommandResult>();
        var rows = JsonDocument.Parse(await root.GetStringAsync($"/api/events?stream=account-{opened.AccountId}")).RootElement;
        Assert.Equal("root", JsonDocument.Parse(rows[0].GetProperty("metadata").GetString()!).RootElement.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_page_sends_to_the_sign_in_page_whose_form_signs_in_with_a_cookie()
    {
        await using var app = new LedgerAppFactory { Settings = { ["Ledger:Auth"] = "Required" } };
        var (exit, output) = await AppProcess.RunAsync(["users", "add", "bob", "--role", "manager", "--Ledger:DataDir", app.DataDir], input: "Bobs-password-1");
        Assert.True(exit == 0, output);
        using var browser = app.CreateClientAs(null, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var page = await browser.GetAsync("/accounts");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/sign-in", page.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var form = await browser.GetStringAsync("/sign-in?returnUrl=%2Faccounts");
        var token = AntiforgeryField().Match(form);
        Assert.True(token.Success, form);

        var wrong = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value, ["name"] = "bob", ["password"] = "not-it", ["returnUrl"] = "/accounts",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("do not match", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signedIn = await browser.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = token.Groups["value"].Value, ["name"] = "bob", ["password"] = "Bobs-password-1", ["returnUrl"] = "/accounts",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/accounts", signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/accounts")).StatusCode); // the cookie works for the API too
    }

    [Fact]
    public async Task Demo_mode_refuses_to_listen_beyond_loopback_and_says_how_to_run_required()
    {
        // Refused before anything binds: the address is never opened.
        var (exit, output) = await AppProcess.RunAsync(["--urls", "http://0.0.0.0:5999", "--Ledger:DataDir", Path.Combine(Path.GetTempPath(), "never-created-" + Guid.NewGuid().ToString("N"))]);

        Assert.Equal(2, exit);
        Assert.Contains("Refusing to listen on http://0.0.0.0:5999 in Demo mode", output, StringComparison.Ordinal);
        Assert.Contains("--Ledger:Auth=Required", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Demo", "http://127.0.0.1:5080", true)]
    [InlineData("Demo", "http://localhost:5080;http://[::1]:5080", true)]
    [InlineData("Demo", "http://192.168.1.20:5080", false)]
    [InlineData("Demo", "http://*:5080", false)]
    [InlineData("Required", "http://0.0.0.0:5080", true)]
    public void Which_addresses_each_mode_may_listen_on(string mode, string urls, bool allowed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ledger:Auth"] = mode, ["urls"] = urls }).Build();

        Assert.Equal(allowed, IdentitySetup.RefuseNonLoopback(configuration) is null);
    }

    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
