using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>
/// The event store on a log: one NATS JetStream stream for the whole ledger, one subject per event stream
/// (<c>ledger.account-…</c>), one message per append.
/// <list type="bullet">
/// <item><b>Expected version</b> is enforced by the server: the writer reads the subject's last message (its
/// stream version travels in the <c>Ledger-Version</c> header), checks it, and publishes conditioned on that
/// message's sequence (<c>Nats-Expected-Last-Subject-Sequence</c>, 0 for a new stream). A writer that lost the
/// race is refused by the server (error 10071) and gets the same <see cref="ConcurrencyException"/> as on SQLite.</item>
/// <item><b>All-or-nothing</b>: server 2.9 has no atomic multi-message publish, so an append — however many events —
/// is one message carrying them all. JetStream stores a message whole or not at all.</item>
/// <item><b>Global position</b>: the events are numbered across the whole log in append order; each message
/// carries its first event's position (<c>Ledger-Position</c>) and its count. To hand out positions without a
/// gap or a duplicate, every append is also conditioned on the stream's last sequence
/// (<c>Nats-Expected-Last-Sequence</c>): appends are serialized across the whole log, as SQLite's writer lock
/// serializes them. With one event per append — every command here — position and stream sequence are the same number.</item>
/// <item><b>Retries</b> are deduplicated by the server: the first event's id is the <c>Nats-Msg-Id</c>.</item>
/// </list>
/// The stream is created for an event store: file storage, limits retention with no age, count, size or
/// per-subject limit (nothing is ever aged out or compacted), deletes and purges denied.
/// </summary>
public sealed class JetStreamEventStore(JetStreamOptions options) : IEventStore, IAsyncDisposable
{
    /// <summary>JetStream's "wrong last sequence": the stream or subject moved since the writer looked.</summary>
    public const int WrongLastSequence = 10071;

    private const string VersionHeader = "Ledger-Version";
    private const string PositionHeader = "Ledger-Position";
    private const string CountHeader = "Ledger-Count";

    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private NatsClient? _client;
    private INatsJSContext? _js;
    private INatsJSStream? _stream;
    private (ulong LastSequence, long NextPosition)? _knownTail; // the writer's own view, under the write gate

    public JetStreamOptions Options => options;

    /// <summary>Connects and creates (or checks) the stream. Idempotent; every operation calls it.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_stream is not null) return;
        await _connectGate.WaitAsync(cancellationToken);
        try
        {
            if (_stream is not null) return;
            _client ??= new NatsClient(options.Url);
            _js ??= _client.CreateJetStreamContext();
            var config = StreamConfigFor(options);
            try
            {
                _stream = await _js.CreateStreamAsync(config, cancellationToken);
            }
            catch (NatsJSApiException e) when (e.Error.ErrCode == 10058) // stream name already in use
            {
                _stream = await _js.GetStreamAsync(options.Stream, cancellationToken: cancellationToken);
            }
        }
        finally
        {
            _connectGate.Release();
        }
    }

    /// <summary>The stream as an event store needs it (see the class summary).</summary>
    public static StreamConfig StreamConfigFor(JetStreamOptions options) => new(options.Stream, [$"{options.SubjectPrefix}.>"])
    {
        Storage = StreamConfigStorage.File,
        Retention = StreamConfigRetention.Limits,
        MaxAge = TimeSpan.Zero,          // never aged out
        MaxMsgs = -1,                    // no count limit
        MaxBytes = -1,                   // no size limit
        MaxMsgsPerSubject = -1,          // no per-subject limit: nothing is compacted away
        Discard = StreamConfigDiscard.New, // if a limit were ever set, refuse new events rather than drop old ones
        DenyDelete = true,               // the log is never rewritten: no message can be deleted…
        DenyPurge = true,                // …or purged
        AllowDirect = true,              // direct gets: read one message by sequence or by subject
        NumReplicas = options.Replicas,
        DuplicateWindow = TimeSpan.FromMinutes(2),
    };

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));
        var subject = SubjectOf(streamId);
        await EnsureCreatedAsync(cancellationToken);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var (subjectSeq, version) = await LastOfSubjectAsync(subject, cancellationToken);
                if (version != expectedVersion.Value) throw new ConcurrencyException(streamId, expectedVersion.Value, version);

                // The log's end as this writer last left it, or as the server says; a stale guess is refused
                // by the server like any other race, and then looked up afresh.
                var (lastSeq, nextPosition) = _knownTail ?? await TailAsync(cancellationToken);
                var records = events.Select((e, i) => new JetStreamRecord(
                    e.EventType, e.SchemaVersion, version + 1 + i, e.Data, Serialization.EventCodec.EncodeMetadata(e.Metadata), e.Metadata.RecordedAt)).ToArray();
                var headers = new NatsHeaders
                {
                    [VersionHeader] = (version + events.Count).ToString(CultureInfo.InvariantCulture),
                    [PositionHeader] = nextPosition.ToString(CultureInfo.InvariantCulture),
                    [CountHeader] = events.Count.ToString(CultureInfo.InvariantCulture),
                };
                var ack = await _js!.PublishAsync(
                    subject,
                    JsonSerializer.SerializeToUtf8Bytes(records, JetStreamJsonContext.Default.JetStreamRecordArray),
                    headers: headers,
                    opts: new NatsJSPubOpts
                    {
                        MsgId = events[0].Metadata.EventId.ToString(),
                        ExpectedLastSubjectSequence = subjectSeq,
                        ExpectedLastSequence = lastSeq,
                    },
                    cancellationToken: cancellationToken);

                if (ack.Error is { ErrCode: WrongLastSequence })
                {
                    _knownTail = null;
                    // The subject moved (a lost race: the version check above now fails) or only the log's end
                    // moved (another writer appended to another stream): look again.
                    continue;
                }

                ack.EnsureSuccess();
                if (ack.Duplicate)
                {
                    // A retry of a publish the server already holds: answer with what it holds.
                    var held = await GetBySequenceAsync(ack.Seq, cancellationToken);
                    return new AppendResult(held.Version, held.Position + held.Count - 1);
                }

                _knownTail = (ack.Seq, nextPosition + events.Count);
                return new AppendResult(version + events.Count, nextPosition + events.Count - 1);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subject = SubjectOf(streamId);
        await EnsureCreatedAsync(cancellationToken);
        ulong seq = 1;
        while (true)
        {
            // The next message of this subject at or after seq: the server keeps a per-subject index.
            var msg = await _stream!.GetDirectAsync<byte[]>(new StreamMsgGetRequest { NextBySubj = subject, Seq = seq }, cancellationToken: cancellationToken);
            if (IsNotFound(msg)) yield break;
            var message = Decode(msg);
            foreach (var e in message.Events(streamId))
            {
                if (e.StreamVersion < range.FromVersion) continue;
                if (range.ToVersion is { } to && e.StreamVersion > to) yield break;
                if (range.UntilRecordedAt is { } until && e.RecordedAt > until) yield break;
                if (range.UntilPosition is { } position && e.Position > position) yield break;
                yield return e;
            }

            seq = message.Sequence + 1;
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var (lastSeq, nextPosition) = await TailAsync(cancellationToken);
        fromPosition = Math.Max(1, fromPosition);
        if (maxCount <= 0 || fromPosition >= nextPosition) return [];

        var startSeq = await SequenceHoldingAsync(fromPosition, lastSeq, cancellationToken);
        var result = new List<StoredEvent>(Math.Min(maxCount, 4_096));
        if (lastSeq - startSeq < 32 || maxCount < 32)
        {
            // A few messages (a projector keeping up): direct gets, one round trip each, no consumer to create.
            for (var next = startSeq; next <= lastSeq && result.Count < maxCount; next++)
            {
                var msg = await _stream!.GetDirectAsync<byte[]>(new StreamMsgGetRequest { Seq = next }, cancellationToken: cancellationToken);
                var message = Decode(msg);
                result.AddRange(message.Events(StreamIdOf(msg.Headers!["Nats-Subject"].ToString())).Where(e => e.Position >= fromPosition).Take(maxCount - result.Count));
            }

            return result;
        }

        // Many messages (a rebuild, a replay): an ordered consumer streams them from the start sequence.
        var consumer = await _js!.CreateOrderedConsumerAsync(options.Stream, new NatsJSOrderedConsumerOpts
        {
            DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence,
            OptStartSeq = startSeq,
        }, cancellationToken);
        var seq = startSeq;
        while (result.Count < maxCount && seq <= lastSeq)
        {
            // Ask for about as many messages as the events still wanted need (messages may carry batches).
            var eventsPerMessage = Math.Max(1.0, (nextPosition - 1) / (double)lastSeq);
            var wanted = (int)Math.Min((ulong)Math.Clamp(Math.Ceiling((maxCount - result.Count) / eventsPerMessage), 1, 1_000), lastSeq - seq + 1);
            var got = 0;
            await foreach (var msg in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = wanted, Expires = TimeSpan.FromSeconds(5) }, cancellationToken: cancellationToken))
            {
                got++;
                var message = Decode(msg.Subject, msg.Headers, msg.Data, msg.Metadata?.Sequence.Stream ?? 0);
                seq = message.Sequence + 1;
                foreach (var e in message.Events(StreamIdOf(msg.Subject)))
                {
                    if (e.Position < fromPosition || result.Count >= maxCount) continue;
                    result.Add(e);
                }
            }

            if (got == 0) break;
        }

        return result;
    }

    public async Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        return (await TailAsync(cancellationToken)).NextPosition - 1;
    }

    /// <summary>Deletes the whole stream: only for starting a ledger over (the Start over button), never part of its life.</summary>
    public async Task DeleteStreamAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        await _js!.DeleteStreamAsync(options.Stream, cancellationToken);
        _stream = null;
        _knownTail = null;
    }

    /// <summary>Holds every append until the lease is disposed (starting the ledger over).</summary>
    public async Task<IAsyncDisposable> PauseWritesAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        return new Lease(_writeGate);
    }

    private sealed class Lease(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
    }

    private string SubjectOf(string streamId)
    {
        if (string.IsNullOrEmpty(streamId) || streamId.AsSpan().IndexOfAny(". *>\t\r\n") >= 0)
            throw new ArgumentException($"Stream id '{streamId}' cannot be a subject token (no dots, spaces, '*' or '>').", nameof(streamId));
        return $"{options.SubjectPrefix}.{streamId}";
    }

    private string StreamIdOf(string subject) => subject[(options.SubjectPrefix.Length + 1)..];

    /// <summary>The subject's last message: its stream sequence and the stream version it ends at; (0, 0) for a new stream.</summary>
    private async Task<(ulong Sequence, long Version)> LastOfSubjectAsync(string subject, CancellationToken cancellationToken)
    {
        var msg = await _stream!.GetDirectAsync<byte[]>(new StreamMsgGetRequest { LastBySubj = subject }, cancellationToken: cancellationToken);
        if (IsNotFound(msg)) return (0, 0);
        var message = Decode(msg);
        return (message.Sequence, message.Version);
    }

    /// <summary>The log's last message sequence and the position the next event will take.</summary>
    private async Task<(ulong LastSequence, long NextPosition)> TailAsync(CancellationToken cancellationToken)
    {
        await _stream!.RefreshAsync(cancellationToken);
        var last = _stream.Info.State.LastSeq;
        if (last == 0) return (0, 1);
        var message = await GetBySequenceAsync(last, cancellationToken);
        return (last, message.Position + message.Count);
    }

    /// <summary>The sequence of the message holding <paramref name="position"/>: a message never holds fewer than one event, so it is at or below that number.</summary>
    private async Task<ulong> SequenceHoldingAsync(long position, ulong lastSeq, CancellationToken cancellationToken)
    {
        ulong low = 1, high = Math.Min((ulong)position, lastSeq);
        var probe = await GetBySequenceAsync(high, cancellationToken);
        if (probe.Position <= position) return high; // one event per message so far: position = sequence
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if ((await GetBySequenceAsync(mid, cancellationToken)).Position <= position) low = mid;
            else high = mid - 1;
        }

        return low;
    }

    private async Task<Message> GetBySequenceAsync(ulong seq, CancellationToken cancellationToken) =>
        Decode(await _stream!.GetDirectAsync<byte[]>(new StreamMsgGetRequest { Seq = seq }, cancellationToken: cancellationToken));

    private static bool IsNotFound(NatsMsg<byte[]> msg) => msg.Headers?.Code == 404;

    private Message Decode(NatsMsg<byte[]> msg)
    {
        msg.EnsureSuccess();
        return Decode(msg.Headers!["Nats-Subject"].ToString(), msg.Headers, msg.Data, ulong.Parse(msg.Headers["Nats-Sequence"].ToString(), CultureInfo.InvariantCulture));
    }

    private static Message Decode(string subject, NatsHeaders? headers, byte[]? data, ulong sequence)
    {
        if (headers is null || data is null) throw new InvalidDataException($"Message {sequence} on '{subject}' is not a ledger message (no headers or no body).");
        var records = JsonSerializer.Deserialize(data, JetStreamJsonContext.Default.JetStreamRecordArray)
                      ?? throw new InvalidDataException($"Message {sequence} on '{subject}' has no events.");
        return new Message(
            sequence,
            long.Parse(headers[VersionHeader].ToString(), CultureInfo.InvariantCulture),
            long.Parse(headers[PositionHeader].ToString(), CultureInfo.InvariantCulture),
            int.Parse(headers[CountHeader].ToString(), CultureInfo.InvariantCulture),
            records);
    }

    /// <summary>One message: its sequence, the stream version it ends at, its first event's global position, and its events.</summary>
    private sealed record Message(ulong Sequence, long Version, long Position, int Count, JetStreamRecord[] Records)
    {
        public IEnumerable<StoredEvent> Events(string streamId) => Records.Select((r, i) =>
            new StoredEvent(Position + i, streamId, r.StreamVersion, r.EventType, r.SchemaVersion, r.Data, r.Metadata, r.RecordedAt));
    }
}
