using LedgerExplorer.Core.Hosting;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Hosting;

public sealed class LocalNatsServerTests
{
    [Fact]
    public async Task A_server_whose_owner_was_killed_stops_by_itself()
    {
        Assert.NotNull(NatsServer.Executable); // ./test.sh installs it: a missing server is a failure, not a skip
        await using var owner = ChildProcess.Start("sleep", ["300"]); // stands in for an App that will be SIGKILLed
        await using var server = (await LocalNatsServer.TryStartAsync(TestContext.Current.CancellationToken, ownerProcessId: owner.Id))!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        Assert.True((await http.GetAsync($"{server.MonitorUrl}/healthz", TestContext.Current.CancellationToken)).IsSuccessStatusCode);

        owner.KillHard();

        await Eventually.Within(TimeSpan.FromSeconds(15), async () =>
        {
            try
            {
                await http.GetAsync($"{server.MonitorUrl}/healthz", TestContext.Current.CancellationToken);
                return (bool?)null; // still answering
            }
            catch (HttpRequestException)
            {
                return true; // gone
            }
        });
    }
}
