namespace LedgerExplorer.Core.Privacy;

/// <summary>
/// Where the personal-data keys live: a vault (encrypt, decrypt, forget) with the forget journal beside it, and what the
/// screens and start-over need. A local SQLite file (<see cref="SqliteKeyStore"/>) for one App; a stream on the ledger's
/// JetStream cluster (<see cref="JetStreamKeyStore"/>) when several Apps share one log, and so must share its keys.
/// </summary>
public interface IKeyStore : IPersonalDataVault, IForgetJournal
{
    /// <summary>The key id for a subject, if it still has a key (for showing; the key itself is never shown).</summary>
    string? KeyIdOf(string subject);

    /// <summary>Destroys every key (a fresh demo ledger: the subjects they belonged to are gone).</summary>
    void DestroyAll();
}
