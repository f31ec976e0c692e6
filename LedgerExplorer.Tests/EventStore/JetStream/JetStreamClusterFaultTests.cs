using System.Collections.Concurrent;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Hosting;
using LedgerExplorer.Tests.Support;
using NATS.Client.JetStream;
using NATS.Net;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>
/// The log on a three-node cluster (R3) while servers fail: its own cluster per test, since nodes are killed and frozen.
/// Every acknowledged append survives, versions stay gapless, the expected-version check still holds, and a writer
/// caught in an election gets <see cref="LogUnavailableException"/> (503 at the App), never a wrong answer.
/// </summary>
[Trait("Proof", "SecondBackend")]
[Collection(NatsClusterCollection.Name)]
public sealed partial class JetStreamClusterFaultTests
{
    private const int Writers = 16;

    [Fact]
    public async Task Killing_the_streams_leader_under_16_writers_loses_no_acknowledged_append_and_the_restarted_node_catches_up()
    {
        await using var cluster = await NatsCluster.StartAsync(stopAtExit: false);
        await using var log = await FaultLog.CreateAsync(cluster);
        var leader = cluster.Named(await log.LeaderAsync());

        var burst = log.WriteAsync(Writers);
        await log.AcknowledgedAtLeastAsync(300);
        await leader.KillAsync(); // mid-burst
        var atKill = log.Acknowledged.Count;
        await log.AcknowledgedAtLeastAsync(atKill + 300); // writes go on once a new leader is elected
        var result = await log.StopAsync(burst);

        Assert.NotEqual(leader.Name, await log.LeaderAsync());
        await log.AssertEveryAcknowledgedAppendIsThereAndVersionsAreGaplessAsync();
        Assert.Empty(result.Unexpected);
        TestContext.Current.TestOutputHelper?.WriteLine($"{log.Acknowledged.Count} acknowledged, {result.Unavailable} answered 'unavailable' during the election");
        var stale = await Assert.ThrowsAsync<ConcurrencyException>(() => log.Store.AppendAsync("account-w0", ExpectedVersion.Exactly(1), [TestEvents.Event()]));
        Assert.True(stale.ActualVersion > 1);

        await leader.RestartAsync();
        await log.AllReplicasCurrentAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task With_one_node_frozen_the_majority_keeps_taking_writes_and_the_thawed_node_catches_up()
    {
        await using var cluster = await NatsCluster.StartAsync(stopAtExit: false);
        await using var log = await FaultLog.CreateAsync(cluster);
        var frozen = cluster.Named(await log.LeaderAsync()); // the hardest one to lose

        var burst = log.WriteAsync(Writers);
        await log.AcknowledgedAtLeastAsync(200);
        frozen.Freeze(); // SIGSTOP: to its peers, a partition
        try
        {
            var atFreeze = log.Acknowledged.Count;
            await log.AcknowledgedAtLeastAsync(atFreeze + 300);
        }
        finally
        {
            frozen.Thaw();
        }

        var result = await log.StopAsync(burst);
        await log.AllReplicasCurrentAsync(TimeSpan.FromSeconds(30)); // the thawed one caught up (and the cluster settled)
        await log.AssertEveryAcknowledgedAppendIsThereAndVersionsAreGaplessAsync();
        Assert.Empty(result.Unexpected);
    }
}
