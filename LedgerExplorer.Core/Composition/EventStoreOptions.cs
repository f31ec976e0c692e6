using LedgerExplorer.Core.EventStore.JetStream;

namespace LedgerExplorer.Core.Composition;

/// <summary>Which log the ledger runs on (the <c>EventStore:*</c> settings): <c>EventStore:Backend=Sqlite|JetStream</c>, <c>EventStore:JetStream:Url</c>.</summary>
public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    public EventStoreBackend Backend { get; set; } = EventStoreBackend.Sqlite;

    public JetStreamOptions JetStream { get; set; } = new();
}

public enum EventStoreBackend
{
    Sqlite,
    JetStream,
}
