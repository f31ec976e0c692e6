using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// An event as a projection sees it: decoded once, with where it sits in the log and its two times — when it
/// happened (<see cref="OccurredAt"/>) and when the log learned it (<see cref="RecordedAt"/>). <see cref="Backdated"/>:
/// posted late on purpose (a backdated posting or a reversal), so it may land in a month already past.
/// </summary>
public sealed record ProjectedEvent(long Position, AccountId AccountId, long StreamVersion, DateTimeOffset RecordedAt, IAccountEvent Event)
{
    public DateTimeOffset OccurredAt { get; init; } = RecordedAt;

    public bool Backdated { get; init; }

    /// <summary>Null for a stream that is not an account's (projections here only know accounts).</summary>
    public static ProjectedEvent? From(StoredEvent stored, Privacy.IPersonalDataVault vault)
    {
        if (!AccountId.TryFromStreamId(stored.StreamId, out var id)) return null;
        var (occurredAt, backdated) = EventMetadataJson.Times(stored.Metadata, stored.RecordedAt);
        return new ProjectedEvent(stored.Position, id, stored.StreamVersion, stored.RecordedAt, Serialization.EventCodec.Decode(stored, vault))
        {
            OccurredAt = occurredAt,
            Backdated = backdated,
        };
    }
}
