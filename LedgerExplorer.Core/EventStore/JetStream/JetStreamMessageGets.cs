using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>
/// Getting one message of the ledger's stream: from the stream's leader (the JetStream API's message get), or by a direct
/// get that any replica may answer, sent again when a replica does not. The reader and the writer ask through it.
/// </summary>
internal sealed class JetStreamMessageGets(JetStreamConnection connection)
{
    /// <summary>
    /// One message, or null when there is none. On one server a direct get (any server holding the stream may
    /// answer: there is one). On a replicated stream, from the leader: a replica answering a direct get may not hold
    /// the latest appends yet, and a ledger reads its own writes (the cluster contract saw a stream read back short).
    /// </summary>
    public async Task<JetStreamMessage?> FetchAsync(INatsJSStream stream, StreamMsgGetRequest request, CancellationToken cancellationToken)
    {
        if (connection.Options.Replicas > 1) return await AtLeaderAsync(request, cancellationToken);
        var msg = await DirectGetAsync(stream, request, cancellationToken);
        return JetStreamMessage.IsNotFound(msg) ? null : JetStreamMessage.Decode(msg);
    }

    /// <summary>One message as the stream's leader holds it (the JetStream API's message get, not a direct get); null when there is none.</summary>
    public async Task<JetStreamMessage?> AtLeaderAsync(StreamMsgGetRequest request, CancellationToken cancellationToken)
    {
        var (_, stream) = await connection.EnsureCreatedAsync(cancellationToken);
        try
        {
            var stored = (await stream.GetAsync(request, cancellationToken)).Message;
            return JetStreamMessage.Decode(stored.Subject, JetStreamMessage.ParseHeaders(stored.Hdrs), stored.Data.ToArray(), stored.Seq);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return null;
        }
    }

    /// <summary>How long one direct get may take before it is sent again.</summary>
    private static readonly TimeSpan DirectGetPatience = TimeSpan.FromMilliseconds(500);

    private const int DirectGetAttempts = 6;

    /// <summary>
    /// A direct get, sent again if it goes unanswered. Any replica of the stream may answer one, and a replica that is
    /// frozen or cut off still holds its share of the requests until its peers notice (the partition test saw a third of
    /// them wait out NATS's 5 s request timeout, the writer's gate held all the while); a short patience and another try
    /// reach a live replica. After the last try it is a <see cref="TimeoutException"/>: the log is unavailable.
    /// </summary>
    private static async Task<NATS.Client.Core.NatsMsg<byte[]>> DirectGetAsync(INatsJSStream stream, StreamMsgGetRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(DirectGetPatience);
            try
            {
                return await stream.GetDirectAsync<byte[]>(request, cancellationToken: patience.Token);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && attempt < DirectGetAttempts
                                      && e is OperationCanceledException or NATS.Client.Core.NatsNoReplyException or NATS.Client.Core.NatsNoRespondersException or NATS.Client.Core.NatsTimeoutException)
            {
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No replica answered a direct get in {DirectGetAttempts} tries.", e);
            }
        }
    }
}
