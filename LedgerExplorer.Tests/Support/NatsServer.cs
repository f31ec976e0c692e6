using LedgerExplorer.Core.Hosting;

namespace LedgerExplorer.Tests.Support;

/// <summary>
/// The test run's nats-server (JetStream, loopback, a free port, a temp store), started on first use by the
/// project's own <see cref="LocalNatsServer"/> and stopped by PID when the run ends. A missing nats-server is a
/// failure with the fix in the message, never a skip: ./test.sh installs it.
/// </summary>
public static class NatsServer
{
    private static readonly Lazy<Task<LocalNatsServer>> SharedServer = new(StartAsync);

    public static Task<LocalNatsServer> Shared => SharedServer.Value;

    public static string? Executable => LocalNatsServer.Executable;

    private static async Task<LocalNatsServer> StartAsync()
    {
        var server = await LocalNatsServer.TryStartAsync() ?? throw new InvalidOperationException(
            "The JetStream tests need nats-server: run ./test.sh (it installs it when root) or apt-get install -y nats-server.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
