using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using LedgerExplorer.App.Features.Load;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Projector;

public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task A_run_writes_rate_times_seconds_deposits_samples_the_lag_and_reports_convergence_and_a_series()
    {
        await using var app = new LedgerAppFactory();
        _ = app.Server; // start the host: migrations, the in-process projector
        var generator = app.Services.GetRequiredService<LoadGenerator>();

        var summary = await generator.RunAsync(new LoadPlan(Rate: 200, Seconds: 1, Accounts: 10), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(200, summary.Commands);
        Assert.Equal(0, summary.Failed);
        Assert.NotNull(summary.ConvergedAfterMs);
        Assert.InRange(summary.AppendsPerSecond, 100, 400);
        Assert.Contains(summary.Samples, s => s.Phase == "load");
        Assert.Equal(0, summary.Samples[^1].EventsBehind);
        Assert.True(summary.LagEvents.Max >= summary.LagEvents.P99 && summary.LagEvents.P99 >= summary.LagEvents.P50);
        var loadAccounts = (await app.Services.GetRequiredService<LedgerQueries>().ListAccountsAsync()).Where(a => a.Owner.StartsWith("Load ", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, loadAccounts.Count);
        Assert.Equal(200m, loadAccounts.Sum(a => a.Balance));

        // A second run reuses the same accounts.
        await generator.RunAsync(new LoadPlan(50, 0.5, 10), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(10, (await app.Services.GetRequiredService<LedgerQueries>().ListAccountsAsync()).Count(a => a.Owner.StartsWith("Load ", StringComparison.Ordinal)));

        using var directory = new TempDirectory();
        var csv = directory.File("series.csv");
        LoadCommand.Write(summary, csv);
        var lines = await File.ReadAllLinesAsync(csv, TestContext.Current.CancellationToken);
        Assert.Equal("at_ms,phase,written,head,events_behind,lag_ms,batch_lag_ms", lines[0]);
        Assert.Equal(summary.Samples.Count + 1, lines.Length);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(csv, ".json"), TestContext.Current.CancellationToken));
        Assert.Equal(200, json.RootElement.GetProperty("Commands").GetInt64());
        Assert.Contains("| 200/s × 1 s |", LoadCommand.Describe(summary), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, 10, "rate")]
    [InlineData(100, 0, 10, "duration")]
    [InlineData(100, 1, 0, "accounts")]
    public void An_impossible_plan_is_refused_with_a_readable_reason(int rate, double seconds, int accounts, string word)
    {
        var error = Assert.Throws<ArgumentException>(() => new LoadPlan(rate, seconds, accounts).Validate());
        Assert.Contains(word, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_load_command_refuses_bad_arguments_with_exit_code_2()
    {
        Assert.Equal(2, await LoadCommand.RunAsync(["--rate", "fast"]));
        Assert.Equal(2, await LoadCommand.RunAsync(["--rate", "100", "--seconds", "-1"]));
    }
}

public sealed class ProjectorApiTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_projector_can_be_paused_and_resumed_and_the_read_models_lag_meanwhile()
    {
        var state = await _client.GetFromJsonAsync<JsonElement>("/api/projector", TestContext.Current.CancellationToken);
        Assert.Equal("InProcess", state.GetProperty("mode").GetString());

        (await _client.PostAsync("/api/projector/pause", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var opened = await (await _client.PostJson("/api/accounts", new { owner = "Paused Person", plan = "Basic", currency = "EUR" })).ReadAs<CommandResult>();
        var behind = await _client.GetFromJsonAsync<JsonElement>("/api/projections", TestContext.Current.CancellationToken);
        Assert.All(behind.EnumerateArray(), p => Assert.True(p.GetProperty("lagEvents").GetInt64() >= 1));
        Assert.Equal("paused", (await _client.GetFromJsonAsync<JsonElement>("/api/projector", TestContext.Current.CancellationToken)).GetProperty("state").GetString());

        (await _client.PostAsync("/api/projector/resume", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
        {
            var projections = await _client.GetFromJsonAsync<JsonElement>("/api/projections");
            return projections.EnumerateArray().All(p => p.GetProperty("lagEvents").GetInt64() == 0) ? true : (bool?)null;
        });
        var caughtUp = await _client.GetFromJsonAsync<JsonElement>("/api/projections", TestContext.Current.CancellationToken);
        var balances = caughtUp.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "balances");
        Assert.True(balances.GetProperty("checkpoint").GetInt64() >= opened.Position);
        Assert.True(balances.GetProperty("lastBatch").GetProperty("events").GetInt32() >= 1);
    }
}

public sealed class ExternalProjectorApiTests : IAsyncLifetime
{
    private readonly LedgerAppFactory _app = new() { ProjectorMode = "External" };

    [Fact]
    public async Task A_projector_run_by_hand_cannot_be_paused_from_the_App_and_the_answer_says_why()
    {
        var response = await _app.CreateClient().PostAsync("/api/projector/pause", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("run by hand", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
