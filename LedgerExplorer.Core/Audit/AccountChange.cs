namespace LedgerExplorer.Core.Audit;

/// <summary>One event's effect on an account, as a before/after for each field it changed; when it happened and when it was recorded.</summary>
public sealed record AccountChange(long Position, long Version, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, string Actor, string EventType, IReadOnlyList<FieldChange> Fields)
{
    /// <summary>Why it was posted late (a backdated posting, a reversal), if it was.</summary>
    public string? Reason { get; init; }
}

public sealed record FieldChange(string Field, string? Before, string? After);
