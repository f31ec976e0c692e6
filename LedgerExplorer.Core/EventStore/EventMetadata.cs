namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// Who, when and why for one event. <see cref="CorrelationId"/> ties together everything one request
/// caused; <see cref="CausationId"/> names the command (or event) that caused this one.
/// </summary>
/// <param name="OccurredAt">
/// Business time: when it happened, as the command says (now, or a past date for a backdated posting). The other
/// time, when the log learned it, is not here: the store stamps <see cref="StoredEvent.RecordedAt"/> at commit, and
/// no caller can set it. (Metadata written before there were two times has no <c>occurredAt</c>: read through
/// <see cref="EventMetadataJson.Decode(string, DateTimeOffset)"/>, it is taken from the row's recorded-at.)
/// </param>
public sealed record EventMetadata(
    Guid EventId,
    string Actor,
    Guid CorrelationId,
    Guid CausationId,
    DateTimeOffset OccurredAt)
{
    /// <summary>The client's <c>Idempotency-Key</c> for the command that appended this event, if it sent one.</summary>
    public string? CommandKey { get; init; }

    /// <summary>A SHA-256 of the request the key came with: the same key with another request is refused.</summary>
    public string? RequestHash { get; init; }

    /// <summary>
    /// Why an event was posted with a business time in the past — a backdated posting, or a reversal (which takes the
    /// business time of the event it reverses). Null for an event that happened when it was recorded.
    /// </summary>
    public string? Reason { get; init; }
}
