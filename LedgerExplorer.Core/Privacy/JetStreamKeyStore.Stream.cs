using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LedgerExplorer.Core.Privacy;

/// <summary>The keys stream, made on first use (or found, if another App made it), made again if another App deleted it; and the synchronous calls over it.</summary>
public sealed partial class JetStreamKeyStore
{
    private async Task<INatsJSStream> StreamAsync()
    {
        if (_created is { } stream) return stream;
        await _createGate.WaitAsync();
        try
        {
            var config = new StreamConfig(_stream, [_keys + ">", _forgets + ">"])
            {
                Storage = StreamConfigStorage.File,
                NumReplicas = 1,
                MaxMsgsPerSubject = 1,
                DenyDelete = false, // forget erases a key's message
                DenyPurge = false,
            };
            try
            {
                _created = await _js.CreateStreamAsync(config);
            }
            catch (NatsJSApiException e) when (e.Error.ErrCode == 10058) // already there: another App made it
            {
                _created = await _js.GetStreamAsync(_stream);
            }

            return _created;
        }
        finally
        {
            _createGate.Release();
        }
    }

    /// <summary>
    /// The vault's interface is synchronous (a decrypt sits inside a fold): run the cluster call off the caller's context
    /// and wait for it. If another App started over since this one last looked, the keys stream it knew is gone: it is
    /// made again and the call asked once more (every call here may be repeated: a create is conditional, a purge or a
    /// begin the same twice).
    /// </summary>
    private T Run<T>(Func<Task<T>> call) => Wait(async () =>
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is NatsJSApiException { Error.ErrCode: StreamNotFound } or NatsJSPublishNoResponseException)
        {
            _created = null;
            return await call();
        }
    });

    private static T Wait<T>(Func<Task<T>> call)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var task = Task.Run(call, timeout.Token);
        // Stryker disable once String,Statement : needs a cluster that stops answering (the ledger's own writes are tested that way, in JetStreamClusterFaultTests)
        if (!task.Wait(Timeout)) throw new TimeoutException($"The key store on the cluster did not answer within {Timeout.TotalSeconds:N0} s.");
        return task.GetAwaiter().GetResult();
    }

    private void Run(Func<Task> call) => Run<object?>(async () =>
    {
        await call();
        return null;
    });
}
