namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// Who, when and why for one event. <see cref="CorrelationId"/> ties together everything one request
/// caused; <see cref="CausationId"/> names the command (or event) that caused this one.
/// </summary>
public sealed record EventMetadata(
    Guid EventId,
    string Actor,
    Guid CorrelationId,
    Guid CausationId,
    DateTimeOffset RecordedAt)
{
    /// <summary>The client's <c>Idempotency-Key</c> for the command that appended this event, if it sent one.</summary>
    public string? CommandKey { get; init; }

    /// <summary>A SHA-256 of the request the key came with: the same key with another request is refused.</summary>
    public string? RequestHash { get; init; }
}
