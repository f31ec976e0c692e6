using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>Rebuild is blue/green: the live read model keeps serving every row until one transaction switches to the rebuilt copy.</summary>
[Trait("Proof", "Rebuild")]
public sealed class RebuildWithoutGapTests : IAsyncLifetime
{
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly ReadModelHarness _readModels = new();

    public async ValueTask InitializeAsync() =>
        await GeneratedHistory.WriteAccountsAsync(_ledger.Store, _ledger.Keys, accounts: 40, eventsPerAccount: 50, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(3));

    [Fact]
    public async Task While_a_rebuild_replays_readers_see_every_row_of_the_old_read_model_and_then_the_new_one()
    {
        var runner = _readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys, batchSize: 100);
        await runner.CatchUpAsync();
        var served = runner.Dump();
        var seenMidway = new List<string>();

        var result = await runner.RebuildAsync(new InlineProgress(_ => seenMidway.Add(ReadLive())));

        Assert.True(seenMidway.Count >= 10, $"only {seenMidway.Count} progress reports"); // 2,000 events in batches of 100
        Assert.All(seenMidway, rows => Assert.Equal(served, rows)); // never empty, never partial
        Assert.True(result.Identical);
        Assert.Equal(40, result.Rows);
        Assert.Equal(2_000, (await runner.GetStatusAsync()).Checkpoint);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_readModels.Database.Path)!, "*.rebuild-*")); // the copy is gone
    }

    /// <summary>What another reader of the live database sees right now (not through the runner).</summary>
    private string ReadLive()
    {
        using var connection = _readModels.Database.Open();
        return new BalancesProjection().Table.Dump(connection);
    }

    public async ValueTask DisposeAsync()
    {
        _readModels.Dispose();
        await _ledger.DisposeAsync();
    }

    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
