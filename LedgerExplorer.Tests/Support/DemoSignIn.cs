using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LedgerExplorer.Tests.Support;

/// <summary>Signing a test's HTTP client in the way a script would: a bearer token from the App's Identity API.</summary>
public static class DemoSignIn
{
    /// <summary>Logs in through <paramref name="http"/> and returns the bearer header to send; throws with the App's answer if refused.</summary>
    public static async Task<AuthenticationHeaderValue> BearerAsync(HttpClient http, string user, string password = App.Features.Identity.DemoUsers.Password)
    {
        var login = await http.PostAsJsonAsync("/api/identity/login", new { email = user, password });
        if (!login.IsSuccessStatusCode) throw new InvalidOperationException($"Signing in as {user} failed: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        return new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString());
    }
}
