namespace LedgerExplorer.Core.Privacy;

/// <summary>
/// Forget is a small saga (record the decision, destroy the key, purge the caches, let the read models apply it);
/// the journal records which subjects have one under way, so that a process that dies midway finishes it at start-up.
/// </summary>
public interface IForgetJournal
{
    void Begin(string subject);

    void End(string subject);

    /// <summary>The subjects with a forget under way, each once, in ordinal order.</summary>
    IReadOnlyList<string> Pending();
}
