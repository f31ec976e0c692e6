using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Support;

/// <summary>The whole App in-process on a ledger of its own in a temp directory (no demo seed unless asked).</summary>
public sealed class LedgerAppFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _directory = new();

    public bool SeedDemo { get; init; }

    /// <summary>A clock to use instead of the system's (a FakeTimeProvider, to write history at known instants).</summary>
    public TimeProvider? Clock { get; init; }

    public string DataDir => _directory.Path;

    /// <summary>More configuration, e.g. <c>EventStore:Backend=JetStream</c>.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary><c>InProcess</c> unless a test wants the child process (<c>Child</c>).</summary>
    public string ProjectorMode { get; init; } = "InProcess";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Ledger:DataDir", _directory.Path);
        builder.UseSetting("Ledger:SeedDemo", SeedDemo ? "true" : "false");
        // The same projector loop, hosted in the App and woken by its appends: many factories at once would
        // otherwise mean many child processes. The ProjectionLag proof runs the real Projector process.
        builder.UseSetting("Projector:Mode", ProjectorMode);
        if (ProjectorMode == "InProcess") builder.UseSetting("Projector:PollMilliseconds", "100"); // appends wake it at once anyway
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (Clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    /// <summary>The demo user a client from <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> signs in as: admin, who may do everything.</summary>
    public const string DefaultUser = "admin";

    private readonly Lock _clientGate = new();
    private string? _signInAs = DefaultUser;

    /// <summary>A client signed in as a demo user (a bearer token from POST /api/identity/login), or anonymous when <paramref name="user"/> is null.</summary>
    public HttpClient CreateClientAs(string? user, WebApplicationFactoryClientOptions? options = null)
    {
        lock (_clientGate)
        {
            _signInAs = user;
            try
            {
                return options is null ? CreateClient() : CreateClient(options);
            }
            finally
            {
                _signInAs = DefaultUser;
            }
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (_signInAs is not { } user) return;
        // Test set-up, not the code under test: blocking here keeps CreateClient() a one-liner in every test.
        using var signIn = Server.CreateClient(); // not `client`: no request may go out on it before its base address is set
        client.DefaultRequestHeaders.Authorization = DemoSignIn.BearerAsync(signIn, user).GetAwaiter().GetResult();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}

public static class HttpJson
{
    public static async Task<T> ReadAs<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(LedgerAppFactory.Json))!;

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, LedgerAppFactory.Json);
}
