namespace LedgerExplorer.Core.EventStore.JetStream;

/// <summary>The JetStream log's lifecycle: the stream is created with the event-store settings; starting over deletes and recreates it.</summary>
public sealed class JetStreamLedgerLog(JetStreamEventStore store) : ILedgerLog
{
    public string Description => $"JetStream stream {store.Options.Stream} at {store.Options.Url}";

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => store.EnsureCreatedAsync(cancellationToken);

    public Task<IAsyncDisposable> PauseWritesAsync(CancellationToken cancellationToken = default) => store.PauseWritesAsync(cancellationToken);

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        await store.DeleteStreamAsync(cancellationToken);
        await store.EnsureCreatedAsync(cancellationToken);
    }
}
