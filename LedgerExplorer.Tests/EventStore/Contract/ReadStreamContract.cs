using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Contract;

public abstract class ReadStreamContract : StoreContract
{
    [Fact]
    public async Task An_unknown_stream_reads_as_empty()
    {
        Assert.Empty(await Store.ReadStream("never-written"));
    }

    [Fact]
    public async Task A_stream_reads_only_its_own_events_in_version_order()
    {
        var a = TestEvents.NewStream();
        var b = TestEvents.NewStream();
        await Store.AppendAsync(a, ExpectedVersion.NoStream, TestEvents.Events(2));
        await Store.AppendAsync(b, ExpectedVersion.NoStream, TestEvents.Events(1));
        await Store.AppendAsync(a, ExpectedVersion.Exactly(2), TestEvents.Events(1));

        var stored = await Store.ReadStream(a);

        Assert.All(stored, e => Assert.Equal(a, e.StreamId));
        Assert.Equal([1L, 2L, 3L], stored.Select(e => e.StreamVersion));
    }

    [Fact]
    public async Task A_version_range_reads_from_and_to_inclusive()
    {
        var stream = TestEvents.NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(5));

        var stored = await Store.ReadStream(stream, new StreamReadRange(FromVersion: 2, ToVersion: 4));

        Assert.Equal([2L, 3L, 4L], stored.Select(e => e.StreamVersion));
    }

    [Fact]
    public async Task Reading_until_an_instant_includes_an_event_recorded_exactly_then_and_nothing_later()
    {
        var stream = TestEvents.NewStream();
        var t = TestEvents.T0;
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [TestEvents.Event(at: t)]);
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), [TestEvents.Event(at: t.AddHours(1))]);
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(2), [TestEvents.Event(at: t.AddHours(2))]);

        Assert.Equal([1L, 2L], (await Store.ReadStream(stream, new StreamReadRange(UntilRecordedAt: t.AddHours(1)))).Select(e => e.StreamVersion));
        Assert.Empty(await Store.ReadStream(stream, new StreamReadRange(UntilRecordedAt: t.AddTicks(-1))));
    }

    [Fact]
    public async Task Reading_until_a_global_position_includes_it_and_nothing_after()
    {
        var stream = TestEvents.NewStream();
        var first = await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(2));
        await Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(1));
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(2), TestEvents.Events(1));

        var stored = await Store.ReadStream(stream, new StreamReadRange(UntilPosition: first.LastPosition));

        Assert.Equal([1L, 2L], stored.Select(e => e.StreamVersion));
    }
}
