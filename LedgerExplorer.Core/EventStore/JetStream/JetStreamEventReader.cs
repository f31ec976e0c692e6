using System.Runtime.CompilerServices;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>The read half of the JetStream log: direct gets for a few messages, an ordered consumer for many.</summary>
internal sealed class JetStreamEventReader(JetStreamConnection connection, JetStreamSubjects subjects) : IEventStoreReader, IEventChain
{
    private readonly JetStreamMessageGets _gets = new(connection);

    public async IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subject = subjects.SubjectOf(streamId);
        var (_, stream) = await connection.EnsureCreatedAsync(cancellationToken);
        // From a version past the first (a load from a snapshot): start at the message holding it, not at the subject's first.
        var seq = range.FromVersion > 1 ? await StartAsync(stream, subject, range, cancellationToken) : 1UL;
        while (true)
        {
            // The next message of this subject at or after seq: the server keeps a per-subject index.
            if (await _gets.FetchAsync(stream, new StreamMsgGetRequest { NextBySubj = subject, Seq = seq }, cancellationToken) is not { } message) yield break;
            foreach (var e in message.Events(streamId))
            {
                cancellationToken.ThrowIfCancellationRequested(); // a message may carry many events: a cancelled read stops at the next, as SQLite's does
                if (e.StreamVersion < range.FromVersion || e.Position <= range.AfterPosition) continue;
                if (range.ToVersion is { } to && e.StreamVersion > to) yield break;
                if (range.UntilRecordedAt is { } until && e.RecordedAt > until) yield break;
                if (range.UntilPosition is { } position && e.Position > position) yield break;
                yield return e;
            }

            seq = message.Sequence + 1;
        }
    }

    /// <summary>
    /// Where a read from a version starts. With a position it must start after (a snapshot's), first one guess: a message's
    /// sequence is never above its first event's position (each message carries one event or more), and equals it while
    /// every message carries one — so the subject's next message at or after that position + 1 is, most often, the one
    /// holding the version: one get. The guess is checked (the message must hold the version, which proves no earlier one
    /// does); otherwise, the search.
    /// </summary>
    private async Task<ulong> StartAsync(INatsJSStream stream, string subject, StreamReadRange range, CancellationToken cancellationToken)
    {
        if (range.AfterPosition is { } after && await _gets.FetchAsync(stream, new StreamMsgGetRequest { NextBySubj = subject, Seq = (ulong)after + 1 }, cancellationToken) is { } guess
            && guess.Version - guess.Count + 1 <= range.FromVersion && range.FromVersion <= guess.Version)
        {
            return guess.Sequence;
        }

        return await FirstSequenceReachingAsync(stream, subject, range.FromVersion, cancellationToken);
    }

    /// <summary>
    /// The sequence of the subject's first message that reaches <paramref name="version"/> (its end version is at or past
    /// it), by binary search over stream sequences: the server's per-subject index answers "the subject's next message
    /// at or after sequence s" in one direct get, and a message's end version only grows with s. About log2(stream
    /// length) gets, where walking the subject would fetch every message before it.
    /// </summary>
    private async Task<ulong> FirstSequenceReachingAsync(INatsJSStream stream, string subject, long version, CancellationToken cancellationToken)
    {
        if (await _gets.FetchAsync(stream, new StreamMsgGetRequest { LastBySubj = subject }, cancellationToken) is not { } newest) return 1;
        if (newest.Version < version) return newest.Sequence + 1; // nothing that far yet
        // Invariant: the subject's message at `answer` reaches the version; the first one that does lies in [lo, hi] or is `answer`.
        var answer = newest.Sequence;
        ulong lo = 1, hi = answer - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var next = await _gets.FetchAsync(stream, new StreamMsgGetRequest { NextBySubj = subject, Seq = mid }, cancellationToken)
                       ?? throw new InvalidDataException($"The subject's newest message is gone while reading {subject}.");
            if (next.Sequence > hi) hi = mid - 1; // none of the subject's messages lies in [mid, hi]
            else if (next.Version >= version) (answer, hi) = (next.Sequence, next.Sequence - 1);
            else lo = next.Sequence + 1;
        }

        return answer;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        ReadInOrderAsync(fromPosition, maxCount, static (message, streamId) => message.Events(streamId), static e => e.Position, cancellationToken);

    /// <summary>The chain's links from the messages' <c>Ledger-Hashes</c> headers; a message without one (written before the chain) has none.</summary>
    public Task<IReadOnlyList<ChainLink>> ReadChainAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        ReadInOrderAsync(fromPosition, maxCount, static (message, _) => message.Links(), static l => l.Position, cancellationToken);

    /// <summary>The events with the hashes their messages carry: one read for the walk.</summary>
    public Task<IReadOnlyList<ChainedEvent>> ReadChainedAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
        ReadInOrderAsync(fromPosition, maxCount, static (message, streamId) => message.Events(streamId).Select((e, i) => new ChainedEvent(e, message.Hashes?[i])), static c => c.Event.Position, cancellationToken);

    /// <summary>Items of the messages holding positions from <paramref name="fromPosition"/>, in global order, at most <paramref name="maxCount"/>.</summary>
    private async Task<IReadOnlyList<T>> ReadInOrderAsync<T>(long fromPosition, int maxCount, Func<JetStreamMessage, string, IEnumerable<T>> select, Func<T, long> positionOf, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount); // as SQLite's reader: asking for no events is a caller's mistake
        var (js, stream) = await connection.EnsureCreatedAsync(cancellationToken);
        var (lastSeq, nextPosition, _, _) = await TailAsync(cancellationToken);
        fromPosition = Math.Max(1, fromPosition);
        if (fromPosition >= nextPosition) return [];

        var startSeq = await SequenceHoldingAsync(fromPosition, lastSeq, cancellationToken);
        var result = new List<T>(Math.Min(maxCount, 4_096));
        if (lastSeq - startSeq < 32 || maxCount < 32)
        {
            // A few messages (a projector keeping up): direct gets, one round trip each, no consumer to create.
            for (var next = startSeq; next <= lastSeq && result.Count < maxCount; next++)
            {
                var message = await _gets.FetchAsync(stream, new StreamMsgGetRequest { Seq = next }, cancellationToken)
                              ?? throw new InvalidDataException($"The stream holds no message {next}: the log was changed outside the ledger.");
                result.AddRange(select(message, subjects.StreamIdOf(message.Subject)).Where(e => positionOf(e) >= fromPosition).Take(maxCount - result.Count));
            }

            return result;
        }

        // Many messages (a rebuild, a replay): an ordered consumer streams them from the start sequence.
        var consumer = await js.CreateOrderedConsumerAsync(connection.Options.Stream, new NatsJSOrderedConsumerOpts
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
                var message = JetStreamMessage.Decode(msg.Subject, msg.Headers, msg.Data, msg.Metadata?.Sequence.Stream ?? 0);
                seq = message.Sequence + 1;
                foreach (var e in select(message, subjects.StreamIdOf(msg.Subject)))
                {
                    if (positionOf(e) < fromPosition || result.Count >= maxCount) continue;
                    result.Add(e);
                }
            }

            if (got == 0) break;
        }

        return result;
    }

    public async Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) =>
        (await TailAsync(cancellationToken)).NextPosition - 1;

    /// <summary>
    /// The subject's last message as the stream's <i>leader</i> holds it: its sequence and the version it ends at; (0, 0)
    /// for a new stream. What the writer checks an expected version against — a direct get may be answered by a
    /// replica that has not yet received the latest append (on a cluster the race contract saw exactly that: a
    /// loser told the stream was at version 0).
    /// </summary>
    public async Task<(ulong Sequence, long Version)> LastOfSubjectAtLeaderAsync(string subject, CancellationToken cancellationToken) =>
        await _gets.AtLeaderAsync(new StreamMsgGetRequest { LastBySubj = subject }, cancellationToken) is { } message ? (message.Sequence, message.Version) : (0, 0);

    /// <summary>The message at <paramref name="seq"/> as the stream's leader holds it.</summary>
    public async Task<JetStreamMessage> GetBySequenceAtLeaderAsync(ulong seq, CancellationToken cancellationToken) =>
        await _gets.AtLeaderAsync(new StreamMsgGetRequest { Seq = seq }, cancellationToken) ?? throw new InvalidDataException($"The stream holds no message {seq}.");

    /// <summary>The log's last message sequence, the position the next event will take and the last event's chain hash (null when the message has none).</summary>
    public async Task<(ulong LastSequence, long NextPosition, byte[]? LastHash, DateTimeOffset LastRecorded)> TailAsync(CancellationToken cancellationToken)
    {
        var (_, stream) = await connection.EnsureCreatedAsync(cancellationToken);
        await stream.RefreshAsync(cancellationToken);
        var last = stream.Info.State.LastSeq;
        if (last == 0) return (0, 1, EventHash.Genesis.ToArray(), DateTimeOffset.MinValue);
        // From the leader: a replica may not hold the last message yet (the writer would read a stale end of the log).
        var message = await _gets.AtLeaderAsync(new StreamMsgGetRequest { Seq = last }, cancellationToken)
                      ?? throw new InvalidDataException($"The stream's last message {last} is gone: the log was changed outside the ledger.");
        return (last, message.Position + message.Count, message.Hashes is { Length: > 0 } hashes ? hashes[^1] : null, message.Records[^1].RecordedAt);
    }

    public async Task<JetStreamMessage> GetBySequenceAsync(ulong seq, CancellationToken cancellationToken)
    {
        var (_, stream) = await connection.EnsureCreatedAsync(cancellationToken);
        return await _gets.FetchAsync(stream, new StreamMsgGetRequest { Seq = seq }, cancellationToken) ?? throw new InvalidDataException($"The stream holds no message {seq}.");
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
}
