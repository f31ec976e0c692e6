using LedgerExplorer.App.Features.Projector;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace LedgerExplorer.Tests.Projector;

public sealed class ChildSettingsTests
{
    [Fact]
    public async Task The_child_projector_gets_its_settings_in_its_environment_not_on_a_command_line_every_user_can_read()
    {
        using var data = new TempDirectory();
        const string secret = "nats://ledger:s3cret-password@127.0.0.1:4222";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EventStore:Backend"] = "Sqlite",
            ["EventStore:JetStream:Url"] = secret, // a credential, unused by this backend but passed on like any setting
        }).Build();
        var readModels = new ReadModelDatabase(data.File("readmodels.db"));
        readModels.Migrate();
        var heartbeat = new ProjectorHeartbeat(readModels, TimeProvider.System);
        var child = ChildProjector.ForApp(new LedgerOptions { DataDir = data.Path }, configuration, heartbeat, TimeProvider.System, NullLogger.Instance);

        await child.StartAsync();
        try
        {
            var pid = await Eventually.Within(TimeSpan.FromSeconds(30), () => Task.FromResult(heartbeat.Read() is { State: ProjectorRunState.Running, ProcessId: { } p } ? p : (int?)null));

            var commandLine = (await File.ReadAllTextAsync($"/proc/{pid}/cmdline", TestContext.Current.CancellationToken)).Replace('\0', ' ');
            var environment = (await File.ReadAllTextAsync($"/proc/{pid}/environ", TestContext.Current.CancellationToken)).Split('\0');
            Assert.DoesNotContain("s3cret", commandLine, StringComparison.Ordinal);
            Assert.Contains($"EventStore__JetStream__Url={secret}", environment);
            Assert.Contains($"Ledger__DataDir={data.Path}", environment);
        }
        finally
        {
            await child.StopAsync();
        }
    }
}
