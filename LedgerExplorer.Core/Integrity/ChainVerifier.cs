using System.Text.Json;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Integrity;

/// <summary>Where the chain stops holding: the first position whose row does not match its stored hash, and what can be told about why.</summary>
public sealed record ChainBreak(long Position, string Reason);

/// <summary>The outcome of a walk: verified up to <see cref="VerifiedTo"/> (the hash there is <see cref="Hash"/>), or broken at <see cref="Break"/>.</summary>
public sealed record ChainVerification(long VerifiedTo, byte[] Hash, ChainBreak? Break, long RowsChecked, TimeSpan Took)
{
    public bool Intact => Break is null;
}

/// <summary>
/// Re-walks the chain: reads every row as stored with its stored hash, recomputes each event's hash from its row and
/// the hash before it, and stops at the first position where they differ, where a row is missing, or where a row
/// has no hash. The next batch is read while this one is hashed, and a batch is hashed in parallel — each row
/// against the <i>stored</i> hash before it, which up to the first break is the recomputed one — so the first break
/// found is the one a sequential walk finds.
/// </summary>
public sealed class ChainVerifier(IEventChain chain)
{
    public const int BatchSize = 2_048; // large enough to keep both cores busy, small enough that a batch dies young (GC)

    /// <summary>Batches being read while one is hashed.</summary>
    private const int ReadAhead = 1;

    /// <summary>
    /// Walks from <paramref name="after"/> + 1 (whose predecessor's verified hash is <paramref name="previous"/>;
    /// from the start by default) to the head, or to <paramref name="upTo"/>.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(long after = 0, byte[]? previous = null, long? upTo = null, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        previous ??= EventHash.Genesis.ToArray();
        var versions = new Dictionary<string, long>(StringComparer.Ordinal); // known only for streams seen from their start
        var verified = after;
        long checkedRows = 0;
        // Positions are dense, so the batches' starts are known ahead: two are read (on their own connections) while one
        // is hashed. A batch that does not start where the walk stands is a gap, found by the position check below.
        var reading = new Queue<Task<IReadOnlyList<ChainedEvent>>>();
        var nextStart = verified;
        for (var i = 0; i < ReadAhead; i++) reading.Enqueue(ReadNext());
        while (await reading.Dequeue() is { Count: > 0 } batch)
        {
            reading.Enqueue(ReadNext());
            var recomputed = new byte[batch.Count][];
            var before = previous;
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var prior = i == 0 ? before : batch[i - 1].Hash;
                if (prior is not null) recomputed[i] = EventHash.Compute(prior, batch[i].Event);
            });

            for (var i = 0; i < batch.Count; i++)
            {
                var position = verified + 1;
                var (row, stored) = batch[i];
                if (row.Position != position) return Broken(position, await WhyMissingAsync(position));
                if (stored is null) return Broken(position, "the row has no stored hash: it was added outside the ledger's writer");
                if (!recomputed[i].AsSpan().SequenceEqual(stored)) return Broken(position, Diagnose(row, versions, after == 0));
                versions[row.StreamId] = row.StreamVersion;
                previous = stored;
                verified = position;
                checkedRows++;
            }
        }

        // Past the last row: a hash stored for a position with no row is a row removed from the end.
        if ((upTo is null || verified < upTo) && await chain.ReadChainAsync(verified + 1, 1, cancellationToken) is [var orphan] && orphan.Position == verified + 1)
            return Broken(verified + 1, "the event row is missing: its hash is stored, the row is gone (deleted outside the ledger)");
        return new ChainVerification(verified, previous, null, checkedRows, clock.Elapsed);

        Task<IReadOnlyList<ChainedEvent>> ReadNext()
        {
            var last = nextStart;
            var want = (int)Math.Min(BatchSize, (upTo ?? long.MaxValue) - last);
            nextStart += Math.Max(0, want);
            return want <= 0 ? Task.FromResult<IReadOnlyList<ChainedEvent>>([]) : Task.Run(() => chain.ReadChainedAsync(last + 1, want, cancellationToken), cancellationToken);
        }

        async Task<string> WhyMissingAsync(long position) =>
            await chain.ReadChainAsync(position, 1, cancellationToken) is [var link] && link.Position == position
                ? "the event row is missing: its hash is stored, the row is gone (deleted outside the ledger)"
                : "no event and no hash at this position: the log skips it";

        ChainVerification Broken(long position, string reason) => new(verified, previous, new ChainBreak(position, reason), checkedRows, clock.Elapsed);
    }

    /// <summary>What can be told from the row itself about why it no longer matches its hash.</summary>
    private static string Diagnose(StoredEvent row, Dictionary<string, long> versions, bool fromStart)
    {
        if (versions.TryGetValue(row.StreamId, out var last) ? row.StreamVersion != last + 1 : fromStart && row.StreamVersion != 1)
            return $"stream_version changed: this event of {row.StreamId} says version {row.StreamVersion}, the one before it was version {last}";
        if (!IsJson(row.Data)) return "data changed: it is no longer valid JSON";
        if (!IsJson(row.Metadata)) return "metadata changed: it is no longer valid JSON";
        try
        {
            _ = EventMetadataJson.Decode(row.Metadata, row.RecordedAt);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return "metadata changed: it no longer reads as event metadata";
        }

        return "the row differs from what was hashed when it was written (its data, metadata, type, stream or schema)";
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
