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
    DateTimeOffset RecordedAt);
