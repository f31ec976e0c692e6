using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Integrity;
using LedgerExplorer.Tests.EventStore.Contract;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>
/// Group commit on the log: concurrent appends go to the server back to back, several per round trip, each conditioned
/// on the one before it (the shared <see cref="GroupCommitContract"/>) — and what only a log shared by processes can
/// do to it: another writer batching on the same log, two writers starting an empty one.
/// </summary>
public sealed class JetStreamGroupCommitTests : GroupCommitContract
{
    private JetStreamEventStore JetStream => (JetStreamEventStore)Store;

    protected override Task<IEventStoreHarness> CreateHarnessAsync() => JetStreamHarness.CreateAsync();

    protected override (long Batches, long Appends) Batching => JetStream.WriteStatistics;

    [Fact]
    public async Task Two_writers_on_one_log_batching_at_once_interleave_without_a_gap_a_duplicate_or_a_broken_chain()
    {
        // Two stores are two Apps on one log: each plans its batch from the log's end as it last saw it, the server
        // refuses whichever batch was overtaken, and that writer plans it again from the new end.
        var other = (JetStreamEventStore)await Harness.OpenAnotherStoreAsync();
        var writes = Enumerable.Range(0, 160).Select(i =>
        {
            var store = i % 2 == 0 ? JetStream : other;
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
}
