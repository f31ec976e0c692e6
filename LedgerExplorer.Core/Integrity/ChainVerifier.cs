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
/// Re-walks the chain: reads every row as stored and every stored hash, recomputes each event's hash from its row
/// and the hash before it, and stops at the first position where they differ, where a row is missing, or where a
/// row has no hash. Rows are hashed in parallel a batch at a time — each against the <i>stored</i> hash before it,
/// which up to the first break is the recomputed one — so the first break found is the one a sequential walk finds.
/// </summary>
public sealed class ChainVerifier(IEventStoreReader log, IEventChain chain)
{
    public const int BatchSize = 8_192;

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
        while (upTo is not { } limit || verified < limit)
        {
            var want = (int)Math.Min(BatchSize, (upTo ?? long.MaxValue) - verified);
            var rowsTask = log.ReadAllAsync(verified + 1, want, cancellationToken);
            var links = await chain.ReadChainAsync(verified + 1, want, cancellationToken);
            var rows = await rowsTask;
            if (rows.Count == 0 && links.Count == 0) break;

            var recomputed = new byte[rows.Count][];
            Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var before = i == 0 ? previous : LinkAt(links, rows[i - 1].Position);
                if (before is not null) recomputed[i] = EventHash.Compute(before, rows[i]);
            });

            for (var i = 0; i < Math.Max(rows.Count, links.Count); i++)
            {
                var position = verified + 1;
                var row = i < rows.Count ? rows[i] : null;
                var link = i < links.Count ? links[i] : (ChainLink?)null;
                if (row is null || row.Position != position)
                {
                    var why = link?.Position == position
                        ? "the event row is missing: its hash is stored, the row is gone (deleted outside the ledger)"
                        : "no event and no hash at this position: the log skips it";
                    return Broken(position, why);
                }

                if (link is not { } stored || stored.Position != position)
                    return Broken(position, "the row has no stored hash: it was added outside the ledger's writer");
                if (recomputed[i] is not { } hash || !hash.AsSpan().SequenceEqual(stored.Hash))
                    return Broken(position, Diagnose(row, versions, after == 0));

                versions[row.StreamId] = row.StreamVersion;
                previous = stored.Hash;
                verified = position;
                checkedRows++;
            }
        }

        return new ChainVerification(verified, previous, null, checkedRows, clock.Elapsed);

        ChainVerification Broken(long position, string reason) => new(verified, previous, new ChainBreak(position, reason), checkedRows, clock.Elapsed);
    }

    private static byte[]? LinkAt(IReadOnlyList<ChainLink> links, long position)
    {
        var first = links.Count == 0 ? 0 : links[0].Position;
        var index = position - first;
        return index >= 0 && index < links.Count && links[(int)index].Position == position ? links[(int)index].Hash : null;
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
            var metadata = EventMetadataJson.Decode(row.Metadata);
            if (RecordedAtFormat.Format(metadata.RecordedAt) != RecordedAtFormat.Format(row.RecordedAt)) return "recorded_at changed: it no longer equals the time in the metadata";
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
