namespace LedgerExplorer.Core.EventStore.Sqlite;

/// <summary>The SQLite log's lifecycle: migrations create it; starting over replaces the file.</summary>
public sealed class SqliteLedgerLog(SqliteLedgerDatabase database, SqliteEventStore store) : ILedgerLog
{
    public string Description => $"SQLite at {database.Path}";

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        database.Migrate();
        return Task.CompletedTask;
    }

    public Task<IAsyncDisposable> PauseWritesAsync(CancellationToken cancellationToken = default) => store.PauseWritesAsync(cancellationToken);

    public Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        database.DeleteFiles();
        database.Migrate();
        return Task.CompletedTask;
    }
}
