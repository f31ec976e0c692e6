using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Projections;

/// <summary>An event as a projection sees it: decoded once, with where it sits in the log.</summary>
public sealed record ProjectedEvent(long Position, AccountId AccountId, long StreamVersion, DateTimeOffset RecordedAt, IAccountEvent Event)
{
    /// <summary>Null for a stream that is not an account's (projections here only know accounts).</summary>
    public static ProjectedEvent? From(StoredEvent stored, Privacy.IPersonalDataVault vault) =>
        AccountId.TryFromStreamId(stored.StreamId, out var id)
            ? new ProjectedEvent(stored.Position, id, stored.StreamVersion, stored.RecordedAt, Serialization.EventCodec.Decode(stored, vault))
            : null;
}
