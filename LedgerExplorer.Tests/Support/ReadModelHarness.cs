using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;

namespace LedgerExplorer.Tests.Support;

/// <summary>A fresh, migrated read-model database in a temp directory, and runners over it.</summary>
public sealed class ReadModelHarness : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ReadModelHarness()
    {
        Database = new ReadModelDatabase(_directory.File("readmodels.db"));
        Database.Migrate();
    }

    public ReadModelDatabase Database { get; }

    public ProjectionRunner<TRow> Runner<TRow>(IProjection<TRow> projection, IEventStoreReader reader, Core.Privacy.IPersonalDataVault vault, int batchSize = 2_000, Func<Task>? beforeCommit = null) where TRow : IReadModelRow =>
        new(projection, reader, Database, vault, TimeProvider.System, beforeCommit) { BatchSize = batchSize };

    public void Dispose() => _directory.Dispose();
}
