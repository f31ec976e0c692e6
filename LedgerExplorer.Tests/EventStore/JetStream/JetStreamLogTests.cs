using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Tests.Support;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>What the JetStream log promises beyond the contract: kept forever, never rewritten, one message per append, retries deduplicated.</summary>
[Trait("Proof", "SecondBackend")]
public sealed class JetStreamLogTests : IAsyncLifetime
{
    private JetStreamHarness _harness = default!;

    private JetStreamEventStore Store => (JetStreamEventStore)_harness.Store;

    public async ValueTask InitializeAsync() => _harness = await JetStreamHarness.CreateTypedAsync();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task The_stream_is_configured_as_an_event_store_keep_everything_forever_deny_delete_and_purge()
    {
        await Store.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        await using var client = new NatsClient(_harness.Options.Url);
        var info = (await client.CreateJetStreamContext().GetStreamAsync(_harness.Options.Stream, cancellationToken: TestContext.Current.CancellationToken)).Info.Config;

        Assert.Equal(StreamConfigStorage.File, info.Storage);
        Assert.Equal(StreamConfigRetention.Limits, info.Retention);
        Assert.Equal(TimeSpan.Zero, info.MaxAge);
        Assert.Equal((-1L, -1L, -1L), (info.MaxMsgs, info.MaxBytes, info.MaxMsgsPerSubject));
        Assert.True(info.DenyDelete && info.DenyPurge);
    }

    [Fact]
    public async Task A_message_cannot_be_deleted_nor_the_stream_purged_the_log_is_never_rewritten()
    {
        await Store.AppendAsync("account-a", ExpectedVersion.NoStream, [TestEvents.Event("MoneyDeposited")], TestContext.Current.CancellationToken);
        await using var client = new NatsClient(_harness.Options.Url);
        var stream = await client.CreateJetStreamContext().GetStreamAsync(_harness.Options.Stream, cancellationToken: TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<NatsJSApiException>(async () => await stream.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = 1 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<NatsJSApiException>(async () => await stream.PurgeAsync(new StreamPurgeRequest(), TestContext.Current.CancellationToken));
        Assert.Single(await Store.ReadAllAsync(1, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_multi_event_append_is_one_message_so_it_is_stored_whole_and_positions_stay_dense()
    {
        var three = await Store.AppendAsync("account-a", ExpectedVersion.NoStream, [TestEvents.Event("A"), TestEvents.Event("B"), TestEvents.Event("C")], TestContext.Current.CancellationToken);
        var one = await Store.AppendAsync("account-b", ExpectedVersion.NoStream, [TestEvents.Event("D")], TestContext.Current.CancellationToken);

        await using var client = new NatsClient(_harness.Options.Url);
        var stream = await client.CreateJetStreamContext().GetStreamAsync(_harness.Options.Stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(2, stream.Info.State.Messages); // two appends, two messages
        Assert.Equal((3L, 4L), (three.LastPosition, one.LastPosition));
        var all = await Store.ReadAllAsync(2, 10, TestContext.Current.CancellationToken);
        Assert.Equal([2L, 3L, 4L], all.Select(e => e.Position));
        Assert.Equal(["B", "C", "D"], all.Select(e => e.EventType));
    }

    [Fact]
    public async Task A_publish_retried_after_a_lost_ack_is_deduplicated_by_the_server_through_the_event_id()
    {
        var e = TestEvents.Event("MoneyDeposited");
        await Store.AppendAsync("account-a", ExpectedVersion.NoStream, [e], TestContext.Current.CancellationToken);

        // The client resends the same message (same Nats-Msg-Id: the event id), as it would after a lost ack.
        await using var client = new NatsClient(_harness.Options.Url);
        var ack = await client.CreateJetStreamContext().PublishAsync($"{_harness.Options.SubjectPrefix}.account-a", new byte[] { 1 }, opts: new NatsJSPubOpts { MsgId = e.Metadata.EventId.ToString() }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(ack.Duplicate);
        Assert.Equal(1UL, ack.Seq);
        Assert.Equal(1, await Store.ReadHeadPositionAsync(TestContext.Current.CancellationToken));
    }
}
