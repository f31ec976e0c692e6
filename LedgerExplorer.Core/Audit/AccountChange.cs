namespace LedgerExplorer.Core.Audit;

/// <summary>One event's effect on an account, as a before/after for each field it changed.</summary>
public sealed record AccountChange(long Position, long Version, DateTimeOffset RecordedAt, string Actor, string EventType, IReadOnlyList<FieldChange> Fields);

public sealed record FieldChange(string Field, string? Before, string? After);
