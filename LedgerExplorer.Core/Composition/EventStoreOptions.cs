using LedgerExplorer.Core.EventStore.JetStream;

namespace LedgerExplorer.Core.Composition;

/// <summary>Which log the ledger runs on (the <c>EventStore:*</c> settings): <c>EventStore:Backend=Sqlite|JetStream</c>, <c>EventStore:JetStream:Url</c>.</summary>
public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    public EventStoreBackend Backend { get; set; } = EventStoreBackend.Sqlite;

    public JetStreamOptions JetStream { get; set; } = new();

    /// <summary>
    /// Where the personal-data keys live: <c>Local</c> (a file beside the data, one App) or <c>JetStream</c> (a stream on
    /// the ledger's cluster, shared by every App on the log — needed when two Apps share one log).
    /// </summary>
    public KeyStoreLocation KeyStore { get; set; } = KeyStoreLocation.Local;
}

public enum KeyStoreLocation
{
    Local,
    JetStream,
}

public enum EventStoreBackend
{
    Sqlite,
    JetStream,
}
