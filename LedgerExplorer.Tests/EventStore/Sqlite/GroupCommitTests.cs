using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

/// <summary>Group commit: many callers, one transaction per batch, and not one guarantee given up.</summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly SqliteHarness _harness = SqliteHarness.Create();

    private SqliteEventStore Store => (SqliteEventStore)_harness.Store;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Concurrent_appends_share_commits_and_every_one_is_acknowledged_with_its_own_result()
    {
        var streams = Enumerable.Range(0, 200).Select(_ => TestEvents.NewStream()).ToList();

        var results = await Task.WhenAll(streams.Select(s => Task.Run(() => Store.AppendAsync(s, ExpectedVersion.NoStream, [TestEvents.Event()]))));

        Assert.All(results, r => Assert.Equal(1, r.NextVersion));
        Assert.Equal(200, results.Select(r => r.LastPosition).Distinct().Count());
        var (commits, appends) = Store.CommitStatistics;
        Assert.Equal(200, appends);
        Assert.True(commits < appends, $"{appends} appends took {commits} commits: nothing was batched");
        foreach (var (stream, result) in streams.Zip(results))
        {
            Assert.Equal(result.LastPosition, Assert.Single(await Store.ReadStream(stream)).Position);
        }
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

    [Fact]
    public async Task A_refused_append_never_fails_its_neighbours()
    {
        var appends = Enumerable.Range(0, 120).Select(i =>
        {
            var stream = TestEvents.NewStream();
            var expected = i % 3 == 0 ? ExpectedVersion.Exactly(5) : ExpectedVersion.NoStream; // every third is stale
            return (Stream: stream, Stale: i % 3 == 0, Task: Store.AppendAsync(stream, expected, TestEvents.Events(2)));
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
    }

    [Fact]
    public async Task A_second_append_to_a_stream_in_the_same_batch_sees_the_first_ones_result()
    {
        var stream = TestEvents.NewStream();

        // Queued back to back, in this order, so they travel together: the second expects the first's version.
        var first = Store.AppendAsync(stream, ExpectedVersion.NoStream, [TestEvents.Event()]);
        var second = Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [TestEvents.Event()]);
        var stale = Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [TestEvents.Event()]);
        await Task.WhenAll(first, second, stale.ContinueWith(_ => { }));

        Assert.Equal((1L, 2L), ((await first).NextVersion, (await second).NextVersion));
        Assert.Equal((1L, 2L), (Assert.IsType<ConcurrencyException>(stale.Exception!.InnerException).ExpectedVersion, ((ConcurrencyException)stale.Exception.InnerException).ActualVersion));
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();
}
