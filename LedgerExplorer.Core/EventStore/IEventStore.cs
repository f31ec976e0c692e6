namespace LedgerExplorer.Core.EventStore;

/// <summary>The whole port: the command side needs both halves, a projection only the reader.</summary>
public interface IEventStore : IEventStoreReader, IEventStoreWriter;
