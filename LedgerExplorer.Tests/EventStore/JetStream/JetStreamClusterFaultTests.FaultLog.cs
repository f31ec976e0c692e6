using System.Collections.Concurrent;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Hosting;
using LedgerExplorer.Tests.Support;
using NATS.Client.JetStream;
using NATS.Net;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>The fault tests' log and writers, apart from the scenarios.</summary>
public sealed partial class JetStreamClusterFaultTests
{
    /// <summary>A stream on the cluster, writers that keep what was acknowledged, and the checks.</summary>
    private sealed class FaultLog : IAsyncDisposable
    {
        private readonly NatsClient _client;
        private readonly CancellationTokenSource _stop = new();
        private readonly JetStreamOptions _options;

        private FaultLog(LocalNatsCluster cluster)
        {
            _options = new JetStreamOptions { Url = cluster.Url, Stream = "FAULT", SubjectPrefix = "fault", Replicas = 3 };
            Store = new JetStreamEventStore(_options);
            _client = new NatsClient(cluster.Url);
        }

        public JetStreamEventStore Store { get; }

        public ConcurrentBag<(string Stream, long Version, Guid EventId)> Acknowledged { get; } = [];

        /// <summary>When and why appends were answered "unavailable": the failure message if writes never resume.</summary>
        public ConcurrentBag<string> Seen { get; } = [];

        public static async Task<FaultLog> CreateAsync(LocalNatsCluster cluster)
        {
            var log = new FaultLog(cluster);
            await Eventually.Within(TimeSpan.FromSeconds(30), async () =>
            {
                try
                {
                    await log.Store.EnsureCreatedAsync();
                    return (bool?)true;
                }
                catch (Exception e) when (e is NATS.Client.Core.NatsException)
                {
                    return null; // the cluster is still settling
                }
            });
            return log;
        }

        public async Task<string> LeaderAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    var stream = await _client.CreateJetStreamContext().GetStreamAsync(_options.Stream);
                    if (stream.Info.Cluster?.Leader is { Length: > 0 } leader) return leader;
                }
                catch (NATS.Client.Core.NatsException) when (DateTime.UtcNow < deadline)
                {
                }

                if (DateTime.UtcNow > deadline) throw new TimeoutException("The stream has no leader.");
                await Task.Delay(100);
            }
        }

        public Task<(int Unavailable, IReadOnlyList<Exception> Unexpected)> WriteAsync(int writers) => Task.Run(async () =>
        {
            var unavailable = 0;
            var unexpected = new ConcurrentBag<Exception>();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var stream = $"account-w{w}";
                long version = 0;
                while (!_stop.IsCancellationRequested)
                {
                    var e = TestEvents.Event();
                    try
                    {
                        version = (await Store.AppendAsync(stream, ExpectedVersion.Exactly(version), [e])).NextVersion;
                        Acknowledged.Add((stream, version, e.Metadata.EventId));
                    }
                    catch (LogUnavailableException u)
                    {
                        Seen.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {u.InnerException?.GetType().Name}: {u.InnerException?.Message}");
                        Interlocked.Increment(ref unavailable); // may or may not have landed: the next append says which
                        await Task.Delay(50);
                    }
                    catch (ConcurrencyException conflict)
                    {
                        version = conflict.ActualVersion; // an append answered "unavailable" had landed after all
                    }
                    catch (Exception other)
                    {
                        unexpected.Add(other);
                        Seen.Add($"{DateTime.UtcNow:HH:mm:ss.fff} unexpected {other.GetType().Name}: {other.Message}");
                        await Task.Delay(50);
                    }
                }
            })));
            return (unavailable, (IReadOnlyList<Exception>)unexpected.ToList());
        });

        public async Task AcknowledgedAtLeastAsync(int count)
        {
            try
            {
                await Eventually.Within(TimeSpan.FromSeconds(60), () => Task.FromResult(Acknowledged.Count >= count ? true : (bool?)null));
            }
            catch (TimeoutException)
            {
                Assert.Fail($"Only {Acknowledged.Count} of {count} appends acknowledged within 60 s (now {DateTime.UtcNow:HH:mm:ss.fff}). The last answers that were not acknowledgements: {string.Join(" | ", Seen.Order().TakeLast(8))}");
            }
        }

        public async Task<(int Unavailable, IReadOnlyList<Exception> Unexpected)> StopAsync(Task<(int, IReadOnlyList<Exception>)> burst)
        {
            await _stop.CancelAsync();
            return await burst;
        }

        /// <summary>
        /// Every acknowledged append is there, at its version, and versions are gapless. A read may be <i>behind</i> for
        /// a moment after a partition heals — nats-server 2.9 has no leader lease, so a thawed old leader answers a
        /// message get from its own state until it hears of the new term (Raft's stale-read window; a CI run met one)
        /// — but never <i>wrong</i>: every read must be a gapless prefix holding the acknowledged events at their
        /// versions. A lost append would stay missing, and after 30 s that fails.
        /// </summary>
        public async Task AssertEveryAcknowledgedAppendIsThereAndVersionsAreGaplessAsync()
        {
            foreach (var group in Acknowledged.GroupBy(a => a.Stream))
            {
                var acknowledged = group.ToDictionary(a => a.Version, a => a.EventId);
                var newest = acknowledged.Keys.Max();
                for (var deadline = DateTime.UtcNow.AddSeconds(30); ; StaleReads++)
                {
                    var stored = await ReadSettledAsync(group.Key);
                    Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(e => e.StreamVersion));
                    Assert.All(stored.Where(e => acknowledged.ContainsKey(e.StreamVersion)), e =>
                        Assert.Equal(acknowledged[e.StreamVersion], Core.EventStore.EventMetadataJson.Decode(e.Metadata).EventId));
                    if (stored.Count >= newest) break; // every acknowledged version is in the read, and was checked above
                    if (DateTime.UtcNow > deadline) Assert.Fail($"{group.Key} reads back {stored.Count} events after 30 s; version {newest} was acknowledged.");
                    await Task.Delay(250);
                }
            }

            if (StaleReads > 0) TestContext.Current.TestOutputHelper?.WriteLine($"{StaleReads} read(s) behind the acknowledged appends before the cluster settled");
        }

        /// <summary>Reads that came back behind the acknowledged appends (a prefix of them) and were asked again.</summary>
        public int StaleReads { get; private set; }

        /// <summary>A read as a client makes it: an "unavailable" answer (a leader change still settling) is asked again.</summary>
        private async Task<List<StoredEvent>> ReadSettledAsync(string stream)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await Store.ReadStream(stream);
                }
                catch (LogUnavailableException) when (attempt < 120) // up to 30 s: a leader change after a partition heals can take that long
                {
                    await Task.Delay(250);
                }
            }
        }

        public Task AllReplicasCurrentAsync(TimeSpan timeout) => Eventually.Within(timeout, async () =>
        {
            try
            {
                var info = (await _client.CreateJetStreamContext().GetStreamAsync(_options.Stream)).Info;
                var replicas = info.Cluster?.Replicas ?? [];
                return replicas.Count == 2 && replicas.All(r => r.Current && !r.Offline && r.Lag == 0) ? true : (bool?)null;
            }
            catch (NATS.Client.Core.NatsException)
            {
                return null;
            }
        });

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Store.DisposeAsync();
            await _client.DisposeAsync();
        }
    }
}
