namespace LedgerExplorer.App.Features.EventLog;

/// <summary>A page of the log plus how many rows there are in all.</summary>
public sealed record EventLogPageResult(IReadOnlyList<EventLogRow> Rows, long Total, long Head);
