using System.Collections.Concurrent;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>
/// The JetStream writer: group commit on a log. Appends that arrive while a batch is on the wire wait in a queue; the next
/// writer to take the gate takes them all (as SQLite's writer does), numbers them one after another from the log's end,
/// chains their hashes, and publishes them back to back without waiting for each acknowledgement — each conditioned on the
/// stream sequence of the message before it (<c>Nats-Expected-Last-Sequence</c>) and on its subject's last sequence
/// (<c>Nats-Expected-Last-Subject-Sequence</c>). The server applies them in order, so the log stays gapless and the chain
/// unbroken, and the acknowledgements come back together: one round trip per batch, not per append.
/// <para>
/// A refusal breaks the batch at that message: the ones after it were conditioned on a sequence that never came and are
/// refused too, so what landed is always a prefix. Those are answered, the refused ones planned again from the log's end
/// as the server now says (another App's append in between is such a refusal). An append whose stream already has a
/// message in the batch waits for the next round, so an expected version is only ever checked against the server's answer.
/// </para>
/// </summary>
internal sealed class JetStreamWriter(JetStreamConnection connection, JetStreamSubjects subjects, JetStreamEventReader reader, TimeProvider clock)
{
    /// <summary>JetStream's "wrong last sequence": the stream or subject moved since the writer looked.</summary>
    public const int WrongLastSequence = 10071;

    /// <summary>JetStream's "wrong last msg ID": the message before this one is not the one this writer sent.</summary>
    public const int WrongLastMessageId = 10070;

    private const int MaxBatch = 64;
    private const int MaxRounds = 50;
    private static readonly TimeSpan AckPatience = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<PendingAppend> _queue = new();
    private long _roundTrips, _appends;

    /// <summary>How many round trips (batches on the wire) carried how many appends that landed: group commit, counted.</summary>
    public (long RoundTrips, long Appends) Statistics => (Interlocked.Read(ref _roundTrips), Interlocked.Read(ref _appends));

    /// <summary>Held by whoever writes a batch, and by a pause (starting the ledger over).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    // Under the gate: the log's end and each stream's last message as this writer left them. Another writer's append
    // since is caught by the server (10071), and then they are read afresh.
    private (ulong LastSequence, long NextPosition, byte[]? LastHash, DateTimeOffset LastRecorded)? _knownTail;
    private readonly Dictionary<string, (ulong Sequence, long Version)> _knownSubjects = new(StringComparer.Ordinal);
    private const int KnownSubjectsLimit = 10_000;

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expectedVersion, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(streamId, subjects.SubjectOf(streamId), expectedVersion, events);
        _queue.Enqueue(pending);
        try
        {
            await Gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (pending.TryAbandon())
        {
            throw; // never taken from the queue: nothing was sent
        }

        try
        {
            // Another writer may have written this append while we waited for the gate; if not, write what is queued.
            while (!pending.Done.Task.IsCompleted && Drain() is { Count: > 0 } batch) await WriteAsync(batch);
        }
        finally
        {
            Gate.Release();
        }

        return await pending.Done.Task;
    }

    /// <summary>Forgets the log's end (the stream was deleted to start over).</summary>
    public void Forget()
    {
        _knownTail = null;
        _knownSubjects.Clear();
    }

    private List<PendingAppend> Drain()
    {
        var batch = new List<PendingAppend>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            if (next.TryTake()) batch.Add(next);
        }

        return batch;
    }

    private async Task WriteAsync(List<PendingAppend> batch)
    {
        var waiting = batch;
        for (var round = 1; waiting.Count > 0; round++)
        {
            try
            {
                if (round > MaxRounds) throw new TimeoutException($"The log's end kept moving: {MaxRounds} tries to append were refused.");
                waiting = await WriteRoundAsync(waiting);
            }
            catch (Exception e)
            {
                Forget();
                var answer = JetStreamFaults.IsTransient(e) ? new LogUnavailableException(e) : e;
                foreach (var p in waiting) p.Done.TrySetException(answer);
                return;
            }
        }
    }

    /// <summary>Plans, publishes and answers one round; returns the appends to plan again.</summary>
    private async Task<List<PendingAppend>> WriteRoundAsync(List<PendingAppend> waiting)
    {
        var (lastSeq, nextPosition, lastHash, lastRecorded) = _knownTail ??= await reader.TailAsync(CancellationToken.None);
        if (lastHash is null) throw new LogIntegrityException(nextPosition - 1, 0);
        // Transaction time, stamped here: the wall clock, never earlier than the event before (the log's end is known).
        var now = clock.GetUtcNow();
        var recordedAt = RecordedAtFormat.Parse(RecordedAtFormat.Format(now > lastRecorded ? now : lastRecorded));

        var planned = new List<PlannedMessage>();
        var later = new List<PendingAppend>();
        var streamsInRound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in waiting)
        {
            if (later.Count > 0 || !streamsInRound.Add(p.StreamId)) { later.Add(p); continue; }
            var (subjectSeq, version) = await LastOfSubjectAsync(p, freshOnly: false);
            if (version != p.Expected.Value) (subjectSeq, version) = await LastOfSubjectAsync(p, freshOnly: true);
            if (version != p.Expected.Value)
            {
                p.Done.TrySetException(new ConcurrencyException(p.StreamId, p.Expected.Value, version));
                continue;
            }

            var records = p.Events.Select((e, i) => new JetStreamRecord(
                e.EventType, e.SchemaVersion, version + 1 + i, e.Data, EventMetadataJson.Encode(e.Metadata), recordedAt)).ToArray();
            var hashes = new byte[records.Length][];
            for (var i = 0; i < records.Length; i++)
            {
                var r = records[i];
                lastHash = hashes[i] = EventHash.Compute(lastHash,
                    new StoredEvent(nextPosition + i, p.StreamId, r.StreamVersion, r.EventType, r.SchemaVersion, r.Data, r.Metadata, r.RecordedAt));
            }

            planned.Add(new PlannedMessage(p, records, hashes, subjectSeq, lastSeq + (ulong)planned.Count, version, nextPosition, planned.Count > 0 ? planned[^1].MessageId : null));
            nextPosition += records.Length;
        }

        if (planned.Count == 0) return later;
        var acks = await JetStreamBatchPublish.PublishAsync(await connection.ConnectionAsync(CancellationToken.None), planned, AckPatience);
        Interlocked.Increment(ref _roundTrips);
        var (again, held) = Answer(planned, acks, recordedAt);
        foreach (var (m, sequence) in held)
        {
            // The server already holds a message with this id: this very append, sent before (answer with what is held) —
            // or, were an id ever to collide, another's message (plan again from the log's end).
            var message = await reader.GetBySequenceAtLeaderAsync(sequence, CancellationToken.None);
            if (message.Subject == m.Pending.Subject && message.Records[0].Metadata == m.Records[0].Metadata)
                m.Pending.Done.TrySetResult(new AppendResult(message.Version, message.Position + message.Count - 1, message.Records[^1].RecordedAt));
            else
                again.Add(m.Pending);
        }

        return [.. again, .. later];
    }

    private async Task<(ulong Sequence, long Version)> LastOfSubjectAsync(PendingAppend p, bool freshOnly)
    {
        if (!freshOnly && _knownSubjects.TryGetValue(p.StreamId, out var known)) return known;
        var last = await reader.LastOfSubjectAtLeaderAsync(p.Subject, CancellationToken.None);
        if (_knownSubjects.Count >= KnownSubjectsLimit) _knownSubjects.Clear();
        return _knownSubjects[p.StreamId] = last;
    }

    /// <summary>
    /// Answers what landed and returns what to plan again. A message acknowledged as stored means every message before it
    /// landed as well (each was conditioned on its predecessor's sequence), even one whose acknowledgement was lost.
    /// </summary>
    private (List<PendingAppend> Again, List<(PlannedMessage, ulong)> Held) Answer(List<PlannedMessage> planned, PublishAck[] acks, DateTimeOffset recordedAt)
    {
        var landed = Array.FindLastIndex(acks, a => a.Response is { Error: null, Duplicate: false });
        for (var i = 0; i <= landed; i++)
        {
            var m = planned[i];
            var endVersion = m.Version + m.Records.Length;
            _knownTail = (m.Sequence, m.Position + m.Records.Length, m.Hashes[^1], recordedAt);
            _knownSubjects[m.Pending.StreamId] = (m.Sequence, endVersion);
            m.Pending.Done.TrySetResult(new AppendResult(endVersion, m.Position + m.Records.Length - 1, recordedAt));
            Interlocked.Increment(ref _appends);
        }

        var (again, held) = (new List<PendingAppend>(), new List<(PlannedMessage, ulong)>());
        if (landed == planned.Count - 1) return (again, held);
        _knownTail = null; // the log's end is not where this round planned it: read it afresh
        for (var i = landed + 1; i < planned.Count; i++)
        {
            var (p, ack) = (planned[i].Pending, acks[i]);
            _knownSubjects.Remove(p.StreamId);
            switch (ack)
            {
                case { Response: { Error: null, Duplicate: true } duplicate }:
                    held.Add((planned[i], duplicate.Seq));
                    break;
                case { Response.Error.ErrCode: WrongLastSequence or WrongLastMessageId }:
                    again.Add(p); // the log or the subject moved: plan again, the version check decides
                    break;
                case { Response.Error: { } error }:
                    p.Done.TrySetException(JetStreamFaults.IsTransientCode(error.Code) ? new LogUnavailableException(new NatsJSApiException(error)) : new NatsJSApiException(error));
                    break;
                default:
                    // No acknowledgement: it may or may not have landed. Say so, as on a lost connection.
                    p.Done.TrySetException(new LogUnavailableException(ack.Failure!));
                    break;
            }
        }

        return (again, held);
    }
}
