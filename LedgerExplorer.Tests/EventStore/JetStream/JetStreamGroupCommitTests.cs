using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Integrity;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>
/// Group commit on the log: concurrent appends go to the server back to back, several per round trip, each conditioned
/// on the one before it — and not one guarantee is given up (gapless positions, an unbroken chain, expected versions,
/// a refused append failing only itself, another writer on the same log).
/// </summary>
public sealed class JetStreamGroupCommitTests : IAsyncLifetime
{
    private JetStreamHarness _harness = null!;

    private JetStreamEventStore Store => (JetStreamEventStore)_harness.Store;

    public async ValueTask InitializeAsync() => _harness = await JetStreamHarness.CreateTypedAsync();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Concurrent_appends_share_round_trips_and_every_one_is_acknowledged_with_its_own_place_in_the_log()
    {
        var streams = Enumerable.Range(0, 200).Select(_ => TestEvents.NewStream()).ToList();

        var results = await Task.WhenAll(streams.Select(s => Task.Run(() => Store.AppendAsync(s, ExpectedVersion.NoStream, [TestEvents.Event()]))));

        Assert.All(results, r => Assert.Equal(1, r.NextVersion));
        Assert.Equal(Enumerable.Range(1, 200).Select(p => (long)p), results.Select(r => r.LastPosition).Order());
        var (roundTrips, appends) = Store.WriteStatistics;
        Assert.Equal(200, appends);
        Assert.True(roundTrips < appends, $"{appends} appends took {roundTrips} round trips: each waited for the one before it");
        foreach (var (stream, result) in streams.Zip(results))
        {
            Assert.Equal(result.LastPosition, Assert.Single(await Store.ReadStream(stream)).Position);
        }

        await AssertChainIntactAsync(200);
    }

    [Fact]
    public async Task A_refused_append_never_fails_its_neighbours_in_the_batch()
    {
        var appends = Enumerable.Range(0, 120).Select(i =>
        {
            var stream = TestEvents.NewStream();
            var stale = i % 3 == 0; // every third expects a version its stream never had
            return (Stream: stream, Stale: stale, Task: Store.AppendAsync(stream, stale ? ExpectedVersion.Exactly(5) : ExpectedVersion.NoStream, TestEvents.Events(2)));
        }).ToList();
        await Task.WhenAll(appends.Select(a => a.Task.ContinueWith(_ => { })));

        foreach (var (stream, stale, task) in appends)
        {
            if (stale)
            {
                Assert.IsType<ConcurrencyException>(task.Exception!.InnerException);
                Assert.Empty(await Store.ReadStream(stream));
            }
            else
            {
                Assert.Equal(2, (await task).NextVersion);
                Assert.Equal(2, (await Store.ReadStream(stream)).Count);
            }
        }

        await AssertChainIntactAsync(80 * 2);
    }

    [Fact]
    [Trait("Proof", "Concurrency")]
    public async Task Racing_appends_at_one_expected_version_sent_together_still_have_exactly_one_winner()
    {
        for (var round = 0; round < 10; round++)
        {
            var stream = TestEvents.NewStream();
            await Store.AppendAsync(stream, ExpectedVersion.NoStream, [TestEvents.Event()]);

            var racers = Enumerable.Range(0, 30)
                .Select(i => Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [TestEvents.Event(data: $$"""{"racer":{{i}}}""")]))
                .ToList();
            await Task.WhenAll(racers.Select(r => r.ContinueWith(_ => { })));

            var winner = Assert.Single(racers, r => r.IsCompletedSuccessfully);
            Assert.All(racers.Where(r => r != winner), loser =>
            {
                var conflict = Assert.IsType<ConcurrencyException>(loser.Exception!.InnerException);
                Assert.Equal((1L, 2L), (conflict.ExpectedVersion, conflict.ActualVersion));
            });
            Assert.Equal(2, (await Store.ReadStream(stream)).Count);
        }
    }

    [Fact]
    public async Task Two_writers_on_one_log_batching_at_once_interleave_without_a_gap_a_duplicate_or_a_broken_chain()
    {
        // Two stores are two Apps on one log: each plans its batch from the log's end as it last saw it, the server
        // refuses whichever batch was overtaken, and that writer plans it again from the new end.
        var other = (JetStreamEventStore)await _harness.OpenAnotherStoreAsync();
        var writes = Enumerable.Range(0, 160).Select(i =>
        {
            var store = i % 2 == 0 ? Store : other;
            var stream = TestEvents.NewStream();
            return (Stream: stream, Task: Task.Run(() => store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(1 + i % 3))));
        }).ToList();

        var results = await Task.WhenAll(writes.Select(w => w.Task));

        var expectedEvents = Enumerable.Range(0, 160).Sum(i => 1 + i % 3);
        var log = await Store.ReadAllAsync(1, 10_000);
        Assert.Equal(Enumerable.Range(1, expectedEvents).Select(p => (long)p), log.Select(e => e.Position));
        foreach (var ((stream, _), result) in writes.Zip(results))
        {
            Assert.Equal(result.LastPosition, (await Store.ReadStream(stream))[^1].Position);
        }

        await AssertChainIntactAsync(expectedEvents);
    }

    [Fact]
    public async Task Two_writers_starting_an_empty_log_at_once_land_one_first_message_and_the_other_after_it()
    {
        // Each writer sees an empty log and plans position 1: the server holds one to "expected last sequence 0" (on
        // 2.9.10 a 0 is a condition, checked by hand: refused once the stream holds a message), the other plans again.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await using var fresh = await JetStreamHarness.CreateTypedAsync();
            var stores = new[] { fresh.Store, await fresh.OpenAnotherStoreAsync() };
            using var go = new ManualResetEventSlim();
            var firsts = stores.Select(store => Task.Run(() =>
            {
                go.Wait();
                return store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(2));
            })).ToList();
            go.Set();

            var results = await Task.WhenAll(firsts);

            Assert.Equal([2L, 4L], results.Select(r => r.LastPosition).Order());
            Assert.Equal([1L, 2L, 3L, 4L], (await fresh.Store.ReadAllAsync(1, 10)).Select(e => e.Position));
            var walk = await new ChainVerifier((JetStreamEventStore)fresh.Store).VerifyAsync();
            Assert.True(walk.Intact, walk.Break?.Reason);
        }
    }

    private async Task AssertChainIntactAsync(long events)
    {
        var walk = await new ChainVerifier(Store).VerifyAsync();
        Assert.True(walk.Intact, walk.Break?.Reason);
        Assert.Equal(events, walk.VerifiedTo);
    }
}
