using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>The client, the JetStream context and the ledger's stream, connected and created on first use.</summary>
internal sealed class JetStreamConnection(JetStreamOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private NatsClient? _client;
    private INatsJSContext? _js;
    private INatsJSStream? _stream;

    public JetStreamOptions Options => options;

    /// <summary>Connects and creates (or checks) the stream. Idempotent; every operation calls it.</summary>
    public async Task<(INatsJSContext Js, INatsJSStream Stream)> EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_js is { } js && _stream is { } stream) return (js, stream);
        await _connectGate.WaitAsync(cancellationToken);
        try
        {
            // A server that stops answering but keeps its socket (frozen, partitioned) is only noticed by pings: every
            // 2 s, and after 2 unanswered the client reconnects to another server of the cluster (NATS's default, 2
            // minutes, left writers stuck on a frozen server for as long — found by the partition test).
            _client ??= new NatsClient(new NatsOpts { Url = options.Url, PingInterval = TimeSpan.FromSeconds(2), MaxPingOut = 2 });
            _js ??= _client.CreateJetStreamContext();
            if (_stream is null)
            {
                INatsJSStream created;
                try
                {
                    created = await _js.CreateStreamAsync(JetStreamEventStore.StreamConfigFor(options), cancellationToken);
                }
                catch (NatsJSApiException e) when (e.Error.ErrCode == 10058) // stream name already in use
                {
                    created = await _js.GetStreamAsync(options.Stream, cancellationToken: cancellationToken);
                }

                if (options.Replicas > 1) await WaitForLeaderAsync(created, cancellationToken);
                _stream = created;
            }

            return (_js, _stream);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <summary>
    /// A replicated stream answers "JetStream system temporarily unavailable" until its replicas have elected a leader:
    /// right after it is created, wait for one (the cluster contract's first append on a fresh R3 stream met that 503).
    /// </summary>
    private static async Task WaitForLeaderAsync(INatsJSStream stream, CancellationToken cancellationToken)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(15); waited += TimeSpan.FromMilliseconds(100))
        {
            if (stream.Info.Cluster?.Leader is { Length: > 0 }) return;
            await Task.Delay(100, cancellationToken);
            await stream.RefreshAsync(cancellationToken);
        }
    }

    /// <summary>The client's connection, for publishing without waiting on each acknowledgement (the writer's batches).</summary>
    public async Task<INatsConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return _client!.Connection;
    }

    /// <summary>Deletes the whole stream: only for starting a ledger over, never part of its life.</summary>
    public async Task DeleteStreamAsync(CancellationToken cancellationToken)
    {
        var (js, _) = await EnsureCreatedAsync(cancellationToken);
        await js.DeleteStreamAsync(options.Stream, cancellationToken);
        _stream = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
    }
}
