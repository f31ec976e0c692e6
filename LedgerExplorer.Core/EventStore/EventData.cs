namespace LedgerExplorer.Core.EventStore;

/// <summary>An event on its way into the log: already serialized, with its metadata.</summary>
public sealed record EventData(string EventType, int SchemaVersion, string Data, EventMetadata Metadata);
