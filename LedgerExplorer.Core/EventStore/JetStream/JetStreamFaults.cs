using System.Runtime.CompilerServices;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>
/// Which failures of the NATS client mean "the log is not answering just now" (no responders while a stream's leader is
/// elected, a request that timed out, a lost connection, JetStream's 503), turned into <see cref="LogUnavailableException"/>
/// at the store's edge so the command side can answer 503 and a client retry. Anything else is a bug and stays as it is.
/// </summary>
internal static class JetStreamFaults
{
    public static bool IsTransient(Exception e) => e switch
    {
        NatsJSApiException api => IsTransientCode(api.Error.Code),
        NatsNoRespondersException or NatsNoReplyException or NatsTimeoutException or NatsConnectionFailedException => true,
        NatsJSPublishNoResponseException or NatsJSApiNoResponseException or NatsJSTimeoutException or NatsJSConnectionException => true,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>A JetStream API error code that means "not now" rather than "no".</summary>
    public static bool IsTransientCode(int code) => code is 503 or 408 or 504;

    public static async Task<T> GuardAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new LogUnavailableException(e);
        }
    }

    public static async IAsyncEnumerable<T> GuardAsync<T>(IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var items = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await items.MoveNextAsync();
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                throw new LogUnavailableException(e);
            }

            if (!more) yield break;
            yield return items.Current;
        }
    }
}
