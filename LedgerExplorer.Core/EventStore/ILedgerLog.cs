namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// The log's own lifecycle, beside the store port: bring it into being, hold writes, and — only to start a
/// demo ledger over — throw it away. Each backend implements it; nothing in a ledger's life calls <see cref="DeleteAsync"/>.
/// </summary>
public interface ILedgerLog
{
    /// <summary>Where the log is, for people: "SQLite at …", "JetStream stream … at …".</summary>
    string Description { get; }

    Task EnsureCreatedAsync(CancellationToken cancellationToken = default);

    Task<IAsyncDisposable> PauseWritesAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the whole log and creates an empty one. Call with writes paused.</summary>
    Task DeleteAsync(CancellationToken cancellationToken = default);
}
