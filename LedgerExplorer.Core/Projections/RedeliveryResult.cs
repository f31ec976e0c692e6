namespace LedgerExplorer.Core.Projections;

/// <summary>What happened when an event was delivered to a projection again.</summary>
public sealed record RedeliveryResult(string Name, long Position, long Checkpoint, bool Applied, string HashBefore, string HashAfter)
{
    public string Explanation => Applied
        ? $"Position {Position} was past the checkpoint and was applied."
        : $"Position {Position} is at or below the checkpoint {Checkpoint}: it was already applied, so the runner skipped it and the rows are unchanged.";
}
