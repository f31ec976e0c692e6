using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Contract;

public abstract class AppendContract : StoreContract
{
    [Fact]
    public async Task A_new_stream_starts_at_version_1()
    {
        var stream = TestEvents.NewStream();

        var result = await Store.AppendAsync(stream, ExpectedVersion.NoStream, [TestEvents.Event()]);

        Assert.Equal(1, result.NextVersion);
        var stored = Assert.Single(await Store.ReadStream(stream));
        Assert.Equal(1, stored.StreamVersion);
        Assert.Equal(result.LastPosition, stored.Position);
    }

    [Fact]
    public async Task Several_events_in_one_append_get_consecutive_versions_and_increasing_positions()
    {
        var stream = TestEvents.NewStream();

        var result = await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(3));

        var stored = await Store.ReadStream(stream);
        Assert.Equal([1L, 2L, 3L], stored.Select(e => e.StreamVersion));
        Assert.True(stored[0].Position < stored[1].Position && stored[1].Position < stored[2].Position);
        Assert.Equal(3, result.NextVersion);
        Assert.Equal(stored[2].Position, result.LastPosition);
    }

    [Fact]
    public async Task Appending_at_the_current_version_continues_the_stream()
    {
        var stream = TestEvents.NewStream();
        var first = await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(2));

        var second = await Store.AppendAsync(stream, ExpectedVersion.Exactly(first.NextVersion), TestEvents.Events(1));

        Assert.Equal(3, second.NextVersion);
        Assert.True(second.LastPosition > first.LastPosition);
    }

    [Fact]
    [Trait("Proof", "Bitemporal")]
    public async Task Data_and_metadata_are_stored_exactly_as_written_and_recorded_at_is_the_stores_own_clock_at_commit()
    {
        var stream = TestEvents.NewStream();
        var occurred = new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero).AddTicks(8979);
        var commit = new DateTimeOffset(2026, 4, 1, 8, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);
        var written = TestEvents.Event("MoneyDeposited", """{"amount":12.50,"reference":"naïve café ☕"}""", occurred, actor: "bob");
        Harness.Clock.Set(commit);

        var appended = await Store.AppendAsync(stream, ExpectedVersion.NoStream, [written]);

        var stored = Assert.Single(await Store.ReadStream(stream));
        Assert.Equal("MoneyDeposited", stored.EventType);
        Assert.Equal(1, stored.SchemaVersion);
        Assert.Equal(written.Data, stored.Data);
        Assert.Equal(written.Metadata, Core.EventStore.EventMetadataJson.Decode(stored.Metadata));
        Assert.Equal((occurred, commit, commit), (stored.OccurredAt, stored.RecordedAt, appended.RecordedAt));
    }

    [Fact]
    [Trait("Proof", "Bitemporal")]
    public async Task Recorded_at_never_goes_back_along_the_log_even_when_the_clock_does()
    {
        Harness.Clock.Set(TestEvents.T0.AddHours(1));
        await Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(1));
        Harness.Clock.Set(TestEvents.T0); // NTP stepped the clock back an hour
        await Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(1));
        Harness.Clock.Set(TestEvents.T0.AddHours(2));
        await Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(1));

        var recorded = (await Store.ReadAllAsync(1, 10)).Select(e => e.RecordedAt).ToList();
        Assert.Equal([TestEvents.T0.AddHours(1), TestEvents.T0.AddHours(1), TestEvents.T0.AddHours(2)], recorded);
    }

    [Fact]
    public async Task An_append_of_no_events_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, []));
    }

    [Fact]
    public async Task A_disposed_store_refuses_an_append_and_the_log_holds_nothing_of_it()
    {
        var other = await Harness.OpenAnotherStoreAsync();
        var kept = TestEvents.NewStream();
        await other.AppendAsync(kept, ExpectedVersion.NoStream, [TestEvents.Event()]);

        await Assert.IsAssignableFrom<IAsyncDisposable>(other).DisposeAsync(); // both stores own connections and a writer

        await Assert.ThrowsAsync<ObjectDisposedException>(() => other.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, [TestEvents.Event()]));
        Assert.Equal([kept], (await Store.ReadAllAsync(1, 10)).Select(e => e.StreamId));
    }

    [Fact]
    public async Task An_append_without_a_stream_or_already_cancelled_is_refused_and_writes_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Equal("streamId", (await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync("", ExpectedVersion.NoStream, [TestEvents.Event()]))).ParamName);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, [TestEvents.Event()], cancelled.Token));

        Assert.Equal(0, await Store.ReadHeadPositionAsync());
    }
}
