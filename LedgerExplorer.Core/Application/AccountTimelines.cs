using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.Core.Application;

/// <summary>Reads an account's <see cref="AccountTimeline"/>: the facts about business time the decider judges time-bound commands on.</summary>
public static class AccountTimelines
{
    public static async Task<AccountTimeline> ReadAsync(IEventStoreReader reader, IPersonalDataVault vault, AccountId id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (await new StatementReads(reader, vault).ReadLinesAsync(id, cancellationToken) is not { } account) return AccountTimeline.At(now);
        var postings = account.Lines
            .Where(l => l.Reverses is null)
            .Select(l => new Posting(l.EventId, l.Position, l.BalanceChange, l.OccurredAt, account.ReversalOf(l.EventId)?.EventId))
            .ToList();
        return new AccountTimeline(now, account.OpenedAt, postings, account.Issued.Keys.ToHashSet(StringComparer.Ordinal));
    }
}
