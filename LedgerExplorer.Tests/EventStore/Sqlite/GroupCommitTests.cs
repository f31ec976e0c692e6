using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Tests.EventStore.Contract;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Sqlite;

/// <summary>Group commit on SQLite: many callers, one transaction per batch, and not one guarantee given up (the shared
/// <see cref="GroupCommitContract"/>, and what only this backend does: a stream's second append inside one batch).</summary>
public sealed class GroupCommitTests : GroupCommitContract
{
    private SqliteEventStore Sqlite => (SqliteEventStore)Store;

    protected override Task<IEventStoreHarness> CreateHarnessAsync() => SqliteHarness.CreateAsync();

    protected override (long Batches, long Appends) Batching => Sqlite.CommitStatistics;

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
}
