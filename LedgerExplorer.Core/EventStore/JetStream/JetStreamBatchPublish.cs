using System.Globalization;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>A batch on the wire: the writer's planned messages published back to back, then their acknowledgements.</summary>
internal static class JetStreamBatchPublish
{
    /// <summary>Every planned message on the wire, in order, then every acknowledgement (or why there is none).</summary>
    public static async Task<PublishAck[]> PublishAsync(INatsConnection nats, List<PlannedMessage> planned, TimeSpan ackPatience)
    {
        var requests = new List<NatsSub<PubAckResponse>>(planned.Count);
        try
        {
            foreach (var m in planned)
            {
                // Sequential awaits put the messages on the wire in this order; none waits for an acknowledgement.
                requests.Add(await nats.CreateRequestSubAsync<byte[], PubAckResponse>(
                    m.Pending.Subject,
                    JsonSerializer.SerializeToUtf8Bytes(m.Records, JetStreamJsonContext.Default.JetStreamRecordArray),
                    m.Headers(),
                    replySerializer: NatsJSJsonSerializer<PubAckResponse>.Default));
            }

            using var patience = new CancellationTokenSource(ackPatience);
            var acks = new PublishAck[planned.Count];
            for (var i = 0; i < requests.Count; i++) acks[i] = await ReceiveAsync(requests[i], patience.Token);
            return acks;
        }
        finally
        {
            foreach (var r in requests) await r.DisposeAsync();
        }
    }

    private static async Task<PublishAck> ReceiveAsync(NatsSub<PubAckResponse> request, CancellationToken patience)
    {
        try
        {
            var reply = await request.Msgs.ReadAsync(patience);
            if (reply.HasNoResponders) return new PublishAck(null, new NatsNoRespondersException());
            if (reply.Error is { } error) return new PublishAck(null, error);
            return reply.Data is { } ack ? new PublishAck(ack, null) : new PublishAck(null, new NatsNoReplyException());
        }
        catch (OperationCanceledException e)
        {
            return new PublishAck(null, new TimeoutException("No acknowledgement came for an append.", e));
        }
        catch (Exception e)
        {
            return new PublishAck(null, e); // no responders, a lost connection: this one's fate is unknown, the others' may not be
        }
    }
}

internal sealed record PublishAck(PubAckResponse? Response, Exception? Failure);

/// <param name="AfterMessageId">The message planned just before this one in the same round (null for the round's first,
/// which follows a message the server has confirmed). A sequence number alone does not say whose message holds it: if
/// that one was refused and another writer's landed at its number, this one must be refused too, or it would chain
/// onto a message it never saw.</param>
internal sealed record PlannedMessage(PendingAppend Pending, JetStreamRecord[] Records, byte[][] Hashes, ulong SubjectSequence, ulong AfterSequence, long Version, long Position, string? AfterMessageId)
{
    public ulong Sequence => AfterSequence + 1;

    /// <summary>The first event's id: a retry of the same append is deduplicated by the server.</summary>
    public string MessageId => Pending.Events[0].Metadata.EventId.ToString();

    public NatsHeaders Headers()
    {
        var headers = JetStreamMessage.HeadersFor(Version + Records.Length, Position, Records.Length, Hashes);
        headers["Nats-Msg-Id"] = MessageId;
        if (AfterMessageId is not null) headers["Nats-Expected-Last-Msg-Id"] = AfterMessageId;
        headers["Nats-Expected-Last-Sequence"] = AfterSequence.ToString(CultureInfo.InvariantCulture);
        headers["Nats-Expected-Last-Subject-Sequence"] = SubjectSequence.ToString(CultureInfo.InvariantCulture);
        return headers;
    }
}
