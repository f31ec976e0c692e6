using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Core.Application;

/// <summary>Reads an account's <see cref="AccountTimeline"/> from its stream: the facts about business time the decider judges time-bound commands on.</summary>
public static class AccountTimelines
{
    public static async Task<AccountTimeline> ReadAsync(IEventStoreReader reader, IPersonalDataVault vault, AccountId id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? opened = null;
        var postings = new List<Posting>();
        var issued = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var stored in reader.ReadStreamAsync(id.StreamId, StreamReadRange.All, cancellationToken))
        {
            var metadata = EventMetadataJson.Decode(stored.Metadata, stored.RecordedAt);
            switch (EventCodec.Decode(stored, vault))
            {
                case AccountOpened:
                    opened = metadata.OccurredAt;
                    break;
                case MoneyDeposited d:
                    postings.Add(new Posting(metadata.EventId, stored.StreamVersion, d.Amount, metadata.OccurredAt, null));
                    break;
                case MoneyWithdrawn w:
                    postings.Add(new Posting(metadata.EventId, stored.StreamVersion, -w.Amount, metadata.OccurredAt, null));
                    break;
                case TransactionReversed r when postings.FindIndex(p => p.EventId == r.EventId) is var i and >= 0:
                    postings[i] = postings[i] with { ReversedBy = metadata.EventId };
                    break;
                case StatementIssued s:
                    issued.Add(s.Month);
                    break;
            }
        }

        return new AccountTimeline(now, opened, postings, issued);
    }
}
