using LedgerExplorer.Core.Hosting;

namespace LedgerExplorer.Tests.Support;

/// <summary>
/// The test run's three-node nats-server cluster (loopback, free ports, temp stores), started on first use and
/// stopped when the run ends; the contract suite runs on it. A test that kills or freezes nodes starts a cluster of
/// its own instead. A missing nats-server is a failure, never a skip: ./test.sh installs it.
/// </summary>
public static class NatsCluster
{
    private static readonly Lazy<Task<LocalNatsCluster>> SharedCluster = new(() => StartAsync());

    public static Task<LocalNatsCluster> Shared => SharedCluster.Value;

    public static async Task<LocalNatsCluster> StartAsync(bool stopAtExit = true)
    {
        var cluster = await LocalNatsCluster.TryStartAsync() ?? throw new InvalidOperationException(
            "The JetStream cluster tests need nats-server: run ./test.sh (it installs it when root) or apt-get install -y nats-server.");
        if (stopAtExit) AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster;
    }
}

/// <summary>
/// The cluster tests run alone: three or six nats-servers, and nodes killed and frozen on purpose, share two cores
/// badly with the rest of the suite (requests then time out for reasons that are the machine's, not the log's).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NatsClusterCollection
{
    public const string Name = "JetStream cluster";
}
