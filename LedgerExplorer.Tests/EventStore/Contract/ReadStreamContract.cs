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
    public async Task Reading_from_any_version_of_a_stream_interleaved_with_others_and_appended_in_batches_starts_exactly_there()
    {
        // A load from a snapshot reads from a version past the first; the JetStream store finds where to start by
        // searching, not by walking, so every start must land on the right event, whatever lies around it.
        var stream = TestEvents.NewStream();
        var version = 0L;
        var random = new Random(3);
        for (var i = 0; i < 25; i++)
        {
            var count = random.Next(1, 4); // one message or one transaction of 1–3 events
            version = (await Store.AppendAsync(stream, ExpectedVersion.Exactly(version), TestEvents.Events(count))).NextVersion;
            for (var other = random.Next(0, 3); other > 0; other--) await Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(1));
        }

        for (var from = 1L; from <= version + 1; from++)
        {
            var stored = await Store.ReadStream(stream, new StreamReadRange(FromVersion: from));
            Assert.Equal(Enumerable.Range((int)from, (int)(version - from + 1)).Select(v => (long)v), stored.Select(e => e.StreamVersion));
        }
    }

    [Fact]
    public async Task Reading_until_an_instant_includes_an_event_recorded_exactly_then_and_nothing_later()
    {
        var stream = TestEvents.NewStream();
        var t = TestEvents.T0;
        foreach (var hour in new[] { 0, 1, 2 })
        {
            Harness.Clock.Set(t.AddHours(hour));
            await Store.AppendAsync(stream, ExpectedVersion.Exactly(hour), [TestEvents.Event()]);
        }

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

    [Fact]
    public async Task Reading_from_a_version_after_a_position_gives_the_same_events_whatever_the_messages_hold()
    {
        // As a load from a snapshot reads: from the version after it, after its position — over appends of one event and
        // of several, interleaved with other streams, so that positions and a log's own numbering drift apart.
        var stream = TestEvents.NewStream();
        var positions = new List<long>();
        var version = 0L;
        foreach (var count in new[] { 1, 3, 1, 2, 1, 1, 4, 1 })
        {
            var appended = await Store.AppendAsync(stream, ExpectedVersion.Exactly(version), TestEvents.Events(count));
            positions.AddRange(Enumerable.Range(0, count).Select(i => appended.LastPosition - count + 1 + i));
            version = appended.NextVersion;
            await Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(2));
        }

        for (var from = 2L; from <= version + 1; from++)
        {
            var after = positions[(int)from - 2]; // the position of the version before: where a snapshot there would stand
            var read = await Store.ReadStream(stream, new StreamReadRange(FromVersion: from, AfterPosition: after));
            Assert.Equal(Enumerable.Range((int)from, (int)(version - from + 1)).Select(v => (long)v), read.Select(e => e.StreamVersion));
        }
    }

    [Fact]
    public async Task Reading_after_a_position_alone_skips_the_streams_events_at_or_before_it()
    {
        var stream = TestEvents.NewStream();
        var first = await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(2));
        await Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(1));
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(2), TestEvents.Events(2));

        var stored = await Store.ReadStream(stream, new StreamReadRange(AfterPosition: first.LastPosition));

        Assert.Equal([3L, 4L], stored.Select(e => e.StreamVersion));
    }

    [Fact]
    public async Task A_command_key_finds_the_first_event_appended_under_it_and_an_unknown_key_finds_nothing()
    {
        var lookup = Assert.IsAssignableFrom<ICommandKeyLookup>(Store); // both backends answer idempotency keys
        var stream = TestEvents.NewStream();
        var key = "key-" + Guid.NewGuid().ToString("N");
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, [TestEvents.Event()]);
        var keyed = TestEvents.Events(2).Select(e => e with { Metadata = e.Metadata with { CommandKey = key } }).ToArray();
        await Store.AppendAsync(stream, ExpectedVersion.Exactly(1), keyed);

        var first = await lookup.FindFirstAsync(key, stream);

        Assert.NotNull(first);
        Assert.Equal((stream, 2L, keyed[0].Metadata.EventId), (first.StreamId, first.StreamVersion, EventMetadataJson.Decode(first.Metadata).EventId));
        Assert.Null(await lookup.FindFirstAsync("key-never-used", stream));
    }

    [Fact]
    public async Task A_read_stops_when_its_token_is_cancelled()
    {
        var stream = TestEvents.NewStream();
        await Store.AppendAsync(stream, ExpectedVersion.NoStream, TestEvents.Events(5));
        using var cancel = new CancellationTokenSource();

        var read = new List<long>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in Store.ReadStreamAsync(stream, StreamReadRange.All, cancel.Token))
            {
                read.Add(e.StreamVersion);
                await cancel.CancelAsync(); // a client gone: the rest is not read
            }
        });

        Assert.Equal([1L], read);
    }
}
