using System.Text.Json;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

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
/// (<c>Nats-Expected-Last-Sequence</c>): appends are ordered across the whole log, as SQLite's writer lock orders them —
/// but not one round trip at a time: concurrent appends go out back to back in one batch, each conditioned on the one
/// before it (<see cref="JetStreamWriter"/>, group commit on a log). With one event per append — every command here —
/// position and stream sequence are the same number.</item>
/// <item><b>The hash chain</b>: each event's chain hash (<see cref="EventHash"/>) travels in the message's
/// <c>Ledger-Hashes</c> header, computed by the writer from the hash of the event before it — which it holds, as appends
/// are serialized across the log. A log whose last message carries no hashes (written before the chain) is refused
/// new appends: its messages cannot be rewritten to add them.</item>
/// <item><b>Recorded-at</b> is stamped by the writer from its clock, never earlier than the event before it (which it
/// holds, appends being serialized): transaction time rises along positions on this backend as on SQLite. It travels in
/// the record, and so in the hash.</item>
/// <item><b>Retries</b> are deduplicated by the server: the first event's id is the <c>Nats-Msg-Id</c>.</item>
/// </list>
/// The stream is created for an event store: file storage, limits retention with no age, count, size or
/// per-subject limit (nothing is ever aged out or compacted), deletes and purges denied.
/// </summary>
public sealed class JetStreamEventStore : IEventStore, ICommandKeyLookup, IEventChain, IAsyncDisposable
{
    private readonly JetStreamConnection _connection;
    private readonly JetStreamSubjects _subjects;
    private readonly JetStreamEventReader _reader;
    private readonly JetStreamWriter _writer;

    /// <param name="clock">Where recorded-at comes from (the wall clock unless a test fakes it): stamped by this writer on each append, never by the appender.</param>
    public JetStreamEventStore(JetStreamOptions options, TimeProvider? clock = null)
    {
        _connection = new JetStreamConnection(options);
        _subjects = new JetStreamSubjects(options.SubjectPrefix);
        _reader = new JetStreamEventReader(_connection, _subjects);
        _writer = new JetStreamWriter(_connection, _subjects, _reader, clock ?? TimeProvider.System);
    }

    public JetStreamOptions Options => _connection.Options;

    /// <summary>How many round trips to the server carried how many appends (several per trip when writers are concurrent).</summary>
    public (long RoundTrips, long Appends) WriteStatistics => _writer.Statistics;

    /// <summary>Connects and creates (or checks) the stream. Idempotent; every operation calls it.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => _connection.EnsureCreatedAsync(cancellationToken);

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
        try
        {
            return await _writer.AppendAsync(streamId, expectedVersion, events, cancellationToken);
        }
        catch (Exception e) when (JetStreamFaults.IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new LogUnavailableException(e);
        }
    }

    public IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, CancellationToken cancellationToken = default) =>
        JetStreamFaults.GuardAsync(_reader.ReadStreamAsync(streamId, range, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        JetStreamFaults.GuardAsync(() => _reader.ReadAllAsync(fromPosition, maxCount, cancellationToken), cancellationToken);

    public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        JetStreamFaults.GuardAsync(() => _reader.ReadHeadPositionAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ChainLink>> ReadChainAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        JetStreamFaults.GuardAsync(() => _reader.ReadChainAsync(fromPosition, maxCount, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ChainedEvent>> ReadChainedAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        JetStreamFaults.GuardAsync(() => _reader.ReadChainedAsync(fromPosition, maxCount, cancellationToken), cancellationToken);

    /// <summary>
    /// JetStream keeps no index on message bodies, so the key is looked for in the stream the command is aimed
    /// at (its subject's messages, in order). A key reused on another account is not seen here (docs/BACKENDS.md).
    /// </summary>
    public async Task<StoredEvent?> FindFirstAsync(string commandKey, string streamId, CancellationToken cancellationToken = default)
    {
        await foreach (var stored in ReadStreamAsync(streamId, StreamReadRange.All, cancellationToken))
        {
            if (EventMetadataJson.Decode(stored.Metadata).CommandKey == commandKey) return stored;
        }

        return null;
    }

    /// <summary>Deletes the whole stream: only for starting a ledger over (the Start over button), never part of its life.</summary>
    public async Task DeleteStreamAsync(CancellationToken cancellationToken = default)
    {
        await _connection.DeleteStreamAsync(cancellationToken);
        _writer.Forget();
    }

    /// <summary>Holds every append until the lease is disposed (starting the ledger over).</summary>
    public Task<IAsyncDisposable> PauseWritesAsync(CancellationToken cancellationToken = default) => WriteLease.TakeAsync(_writer.Gate, cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
