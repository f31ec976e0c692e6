using System.Net;
using System.Text.Json;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Api;

[Trait("Proof", "Snapshot")]
public sealed class SnapshotsApiTests(SnapshotsApiTests.SeededApp app) : IClassFixture<SnapshotsApiTests.SeededApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_background_drift_check_verifies_every_demo_snapshot_without_a_button_and_the_api_says_so()
    {
        SnapshotHealth health = new(0, 0, 0, 0);
        await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
        {
            var response = await _client.GetAsync("/api/snapshots", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("health");
            health = new SnapshotHealth(body.GetProperty("total").GetInt64(), body.GetProperty("verified").GetInt64(), body.GetProperty("unverified").GetInt64(), body.GetProperty("quarantined").GetInt64());
            return health.Total > 0 && health.Unverified == 0 ? true : (bool?)null;
        });

        Assert.Equal(health.Total, health.Verified);
        Assert.Equal(0, health.Quarantined);
    }

    /// <summary>The App on a seeded demo ledger (which takes snapshots every 25 events).</summary>
    public sealed class SeededApp : IAsyncLifetime
    {
        private readonly LedgerAppFactory _factory = new() { SeedDemo = true, Settings = { ["Ledger:SnapshotEvery"] = "25" } };

        public HttpClient CreateClient() => _factory.CreateClient();

        public ValueTask InitializeAsync() => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => _factory.DisposeAsync();
    }
}
