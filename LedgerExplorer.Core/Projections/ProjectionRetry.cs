namespace LedgerExplorer.Core.Projections;

/// <summary>A projection retrying after transient failures: how many in a row, the last one, and when.</summary>
public sealed record ProjectionRetry(int Count, string Message, DateTimeOffset At);
