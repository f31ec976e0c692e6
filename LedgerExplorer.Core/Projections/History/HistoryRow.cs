using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.Core.Projections.History;

/// <summary>
/// One account's state right after one of its events: a snapshot at every event, as a read-model row. It holds no
/// personal data (the owner's name is read from the account list, where a forget reaches it), so a forget never
/// has to touch history. <see cref="Key"/> is the account: the row a projection sees for it is its latest.
/// </summary>
/// <param name="Erased">The owner had been forgotten by this event (OwnerForgotten at or before it): the name as of here is <see cref="PersonalData.Erased"/>.</param>
/// <param name="OccurredAt">When the event happened (business time); <paramref name="RecordedAt"/> is when the log learned it.</param>
/// <param name="OutOfOrder">
/// Its business time (or recorded-at) is earlier than the account's previous event's — a backdated posting, a reversal.
/// Then "as of an instant" is not a prefix of the stream, and a read of this account as of an instant folds its events
/// instead of looking it up here.
/// </param>
public sealed record HistoryRow(
    long Position,
    string AccountId,
    long Version,
    DateTimeOffset RecordedAt,
    DateTimeOffset OccurredAt,
    string EventType,
    AccountStatus Status,
    Plan Plan,
    string Currency,
    decimal Balance,
    bool Erased,
    bool OutOfOrder) : IReadModelRow
{
    public string Key => AccountId;

    /// <summary>The state this row records (the owner supplied by the caller: history does not keep names).</summary>
    public AccountState ToState(string owner)
    {
        if (Erased) owner = PersonalData.Erased;
        return Status == AccountStatus.Closed
            ? new AccountState.Closed(owner, Plan, Currency)
            : new AccountState.Active(owner, Plan, Currency, Balance);
    }
}
