using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Contract;

public abstract class ConcurrencyContract : StoreContract
{
    [Fact]
    public async Task A_stale_expected_version_is_refused_naming_expected_and_actual()
    {
        var stream = TestEvents.NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(3));

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(stream, ExpectedVersion.Exactly(2), TestEvents.Events(1)));

        Assert.Equal((stream, 2L, 3L), (conflict.StreamId, conflict.ExpectedVersion, conflict.ActualVersion));
    }

    [Fact]
    public async Task NoStream_on_an_existing_stream_is_a_conflict()
    {
        var stream = TestEvents.NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(1));

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(1)));

        Assert.Equal((0L, 1L), (conflict.ExpectedVersion, conflict.ActualVersion));
    }

    [Fact]
    public async Task A_version_ahead_of_the_stream_is_a_conflict_too()
    {
        var stream = TestEvents.NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(1));

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(stream, ExpectedVersion.Exactly(5), TestEvents.Events(1)));
    }

    [Fact]
    public async Task A_refused_append_writes_none_of_its_events()
    {
        var stream = TestEvents.NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(1));
        var head = await Store.ReadHeadPositionAsync();

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(5)));

        Assert.Single(await Store.ReadStream(stream));
        Assert.Equal(head, await Store.ReadHeadPositionAsync());
    }

    /// <summary>
    /// Two independent store instances (as two processes would be) append to the same stream at the same
    /// expected version, released together by a barrier, 100 times over. Every time exactly one wins.
    /// </summary>
    [Fact]
    [Trait("Proof", "Concurrency")]
    public async Task Racing_appends_at_the_same_expected_version_have_exactly_one_winner()
    {
        var first = Store;
        var second = await Harness.OpenAnotherStoreAsync();
        const int rounds = 100;

        for (var round = 0; round < rounds; round++)
        {
            var stream = TestEvents.NewStream();
            await first.AppendAsync(stream, ExpectedVersion.NoStream, [TestEvents.Event(data: """{"seed":true}""")]);
            using var barrier = new Barrier(2);

            Task<AppendResult> Race(IEventStore store, string who) => Task.Run(() =>
            {
                barrier.SignalAndWait(TestContext.Current.CancellationToken);
                return store.AppendAsync(stream, ExpectedVersion.Exactly(1), [TestEvents.Event(data: $$"""{"writer":"{{who}}"}""")]);
            });

            var a = Race(first, "a");
            var b = Race(second, "b");
            await Task.WhenAll(a.ContinueWith(_ => { }), b.ContinueWith(_ => { }));

            var outcomes = new[] { (Task: a, Who: "a"), (Task: b, Who: "b") };
            var winner = Assert.Single(outcomes, o => o.Task.IsCompletedSuccessfully);
            var loser = Assert.Single(outcomes, o => !o.Task.IsCompletedSuccessfully);
            var conflict = Assert.IsType<ConcurrencyException>(loser.Task.Exception!.InnerException);
            Assert.Equal((1L, 2L), (conflict.ExpectedVersion, conflict.ActualVersion));

            var stored = await first.ReadStream(stream);
            Assert.Equal(2, stored.Count);
            Assert.Equal($$"""{"writer":"{{winner.Who}}"}""", stored[1].Data);
        }
    }
}
