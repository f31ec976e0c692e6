namespace LedgerExplorer.Core.Projections;

/// <summary>What a rebuild did: the canonical dump's SHA-256 before and after, how many events it replayed and how long it took.</summary>
public sealed record RebuildResult(string Name, string HashBefore, string HashAfter, long Events, long Rows, double ElapsedMs)
{
    public bool Identical => HashBefore == HashAfter;

    public double EventsPerSecond => ElapsedMs > 0 ? Events / (ElapsedMs / 1000) : 0;
}
