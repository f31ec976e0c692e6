namespace LedgerExplorer.Core.Projections;

/// <summary>What happened when an event was delivered to a projection again.</summary>
public sealed record RedeliveryResult(string Name, long Position, long Checkpoint, bool Applied, string HashBefore, string HashAfter)
{
    /// <summary>How many events were applied: past the checkpoint, every one from checkpoint + 1 up to <see cref="Position"/>.</summary>
    public long AppliedCount { get; init; }

    public string Explanation => Applied
        ? $"Position {Position} was past the checkpoint {Checkpoint}: the runner never jumps, so it applied every event from {Checkpoint + 1} to {Position} in order ({AppliedCount} events)."
        : $"Position {Position} is at or below the checkpoint {Checkpoint}: it was already applied, so the runner skipped it and the rows are unchanged.";
}
