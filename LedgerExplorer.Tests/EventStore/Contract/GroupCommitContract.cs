using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Integrity;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Contract;

/// <summary>
/// Group commit, on every backend: concurrent appends share batches (a commit on SQLite, a round trip on JetStream),
/// every one is acknowledged with its own place in the log, a refused append fails only itself, a race at one expected
/// version has one winner — and the hash chain stays unbroken through it all.
/// </summary>
public abstract partial class GroupCommitContract : StoreContract
{
    /// <summary>How many batches carried how many appends, as the backend counts them.</summary>
    protected abstract (long Batches, long Appends) Batching { get; }

    [Fact]
    public async Task Concurrent_appends_share_batches_and_every_one_is_acknowledged_with_its_own_place_in_the_log()
    {
        var streams = Enumerable.Range(0, 200).Select(_ => TestEvents.NewStream()).ToList();

        var results = await Task.WhenAll(streams.Select(s => Task.Run(() => Store.AppendAsync(s, ExpectedVersion.NoStream, [TestEvents.Event()]))));

        Assert.All(results, r => Assert.Equal(1, r.NextVersion));
        Assert.Equal(Enumerable.Range(1, 200).Select(p => (long)p), results.Select(r => r.LastPosition).Order());
        var (batches, appends) = Batching;
        Assert.Equal(200, appends);
        Assert.True(batches < appends, $"{appends} appends took {batches} batches: each waited for the one before it");
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
    public async Task Racing_appends_at_one_expected_version_inside_one_batch_still_have_exactly_one_winner()
    {
        for (var round = 0; round < 20; round++)
        {
            var stream = TestEvents.NewStream();
            await Store.AppendAsync(stream, ExpectedVersion.NoStream, [TestEvents.Event()]);

            var racers = Enumerable.Range(0, 50)
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

    protected async Task AssertChainIntactAsync(long events)
    {
        var walk = await new ChainVerifier((IEventChain)Store).VerifyAsync();
        Assert.True(walk.Intact, walk.Break?.Reason);
        Assert.Equal(events, walk.VerifiedTo);
    }
}
