using System.Net.Http.Json;
using System.Diagnostics;
using System.Text.Json;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projector;

/// <summary>The App in its default mode: it starts the projector as a child process, and stops it when it stops.</summary>
public sealed class ChildProjectorTests
{
    [Fact]
    [Trait("Proof", "ProjectionLag")]
    public async Task The_App_starts_the_projector_as_a_child_process_that_keeps_the_read_models_and_stops_it_on_shutdown()
    {
        var app = new LedgerAppFactory { ProjectorMode = "Child" };
        var client = app.CreateClient();
        await client.PostJson("/api/accounts", new { owner = "Child Process", plan = "Basic", currency = "EUR" });

        var pid = await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
        {
            var projector = await client.GetFromJsonAsync<JsonElement>("/api/projector");
            var projections = await client.GetFromJsonAsync<JsonElement>("/api/projections");
            return projector.GetProperty("state").GetString() == "running" && projections.EnumerateArray().All(p => p.GetProperty("lagEvents").GetInt64() == 0 && p.GetProperty("checkpoint").GetInt64() > 0)
                ? projector.GetProperty("processId").GetInt32()
                : (int?)null;
        });
        Assert.NotEqual(Environment.ProcessId, pid);
        using var child = Process.GetProcessById(pid);
        Assert.Equal("dotnet", child.ProcessName);

        await app.DisposeAsync();

        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(15)), "the child projector outlived the App");
    }
}
