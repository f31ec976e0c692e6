using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.Contract;

public abstract class ReadAllContract : StoreContract
{
    [Fact]
    public async Task An_empty_log_has_head_0_and_reads_nothing()
    {
        Assert.Equal(0, await Store.ReadHeadPositionAsync());
        Assert.Empty(await Store.ReadAllAsync(1, 10));
    }

    [Fact]
    public async Task The_whole_log_reads_in_append_order_across_streams()
    {
        var a = TestEvents.NewStream();
        var b = TestEvents.NewStream();
        await Store.AppendAsync(a, ExpectedVersion.NoStream, [TestEvents.Event(data: """{"step":1}""")]);
        await Store.AppendAsync(b, ExpectedVersion.NoStream, [TestEvents.Event(data: """{"step":2}""")]);
        await Store.AppendAsync(a, ExpectedVersion.Exactly(1), [TestEvents.Event(data: """{"step":3}""")]);

        var all = await Store.ReadAllAsync(1, 100);

        Assert.Equal(["""{"step":1}""", """{"step":2}""", """{"step":3}"""], all.Select(e => e.Data));
        Assert.Equal([a, b, a], all.Select(e => e.StreamId));
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
        Assert.Equal(all[^1].Position, await Store.ReadHeadPositionAsync());
    }

    [Fact]
    public async Task Reading_from_a_position_includes_it_and_stops_at_max_count()
    {
        await Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(10));
        var all = await Store.ReadAllAsync(1, 100);

        var page = await Store.ReadAllAsync(all[3].Position, 4);

        Assert.Equal(all.Skip(3).Take(4).Select(e => e.Position), page.Select(e => e.Position));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Asking_for_no_events_is_refused_on_every_read_of_the_log(int maxCount)
    {
        await Store.AppendAsync(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Events(2));
        var chain = Assert.IsAssignableFrom<IEventChain>(Store);

        Assert.Equal("maxCount", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ReadAllAsync(1, maxCount))).ParamName);
        Assert.Equal("maxCount", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => chain.ReadChainAsync(1, maxCount))).ParamName);
        Assert.Equal("maxCount", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => chain.ReadChainedAsync(1, maxCount))).ParamName);
    }
}
