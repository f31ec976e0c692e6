using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>
/// A property over many generated schedules: whatever a transport delivers — duplicates, reorderings, positions
/// far past the checkpoint, catch-ups in between — the read model always equals a fresh fold of the log up to
/// its checkpoint, the checkpoint never goes back, and at the end it equals the fold of the whole log.
/// </summary>
[Trait("Proof", "Idempotency")]
public sealed class DeliveryInterleavingTests : IAsyncLifetime
{
    private const int Trials = 25;
    private const int DeliveriesPerTrial = 30;
    private readonly SqliteHarness _ledger = SqliteHarness.Create();
    private readonly Dictionary<long, string> _foldAt = [];
    private long _head;

    public async ValueTask InitializeAsync()
    {
        await GeneratedHistory.WriteAccountsAsync(_ledger.Store, _ledger.Keys, accounts: 12, eventsPerAccount: 10, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        _head = await _ledger.Store.ReadHeadPositionAsync();
    }

    [Fact]
    public async Task No_schedule_of_deliveries_leaves_the_read_model_different_from_the_fold()
    {
        for (var seed = 1; seed <= Trials; seed++)
        {
            var random = new Random(seed);
            using var readModels = new ReadModelHarness();
            var runner = readModels.Runner(new BalancesProjection(), _ledger.Store, _ledger.Keys, batchSize: random.Next(1, 40));
            long checkpoint = 0;
            for (var step = 0; step < DeliveriesPerTrial; step++)
            {
                var schedule = random.Next(10);
                if (schedule == 0) await runner.CatchUpAsync();
                else
                {
                    // Mostly near the checkpoint (duplicates, the next one, a few ahead), sometimes anywhere in the log.
                    var position = schedule < 7 ? Math.Clamp(checkpoint + random.Next(-3, 5), 1, _head) : random.NextInt64(1, _head + 1);
                    await runner.RedeliverAsync(position);
                }

                var now = (await runner.GetStatusAsync()).Checkpoint;
                Assert.True(now >= checkpoint, $"seed {seed}, step {step}: the checkpoint went back from {checkpoint} to {now}");
                checkpoint = now;
                Assert.True(await FoldUpToAsync(checkpoint) == runner.Dump(), $"seed {seed}, step {step}: the read model differs from the fold up to {checkpoint}");
            }

            await runner.CatchUpAsync();
            Assert.Equal(await FoldUpToAsync(_head), runner.Dump());
            Assert.Null((await runner.GetStatusAsync()).Error);
        }
    }

    /// <summary>The read model a clean runner builds from the log's first <paramref name="position"/> events (memoized).</summary>
    private async Task<string> FoldUpToAsync(long position)
    {
        if (_foldAt.TryGetValue(position, out var dump)) return dump;
        using var reference = new ReadModelHarness();
        var clean = reference.Runner(new BalancesProjection(), new LogUpTo(_ledger.Store, position), _ledger.Keys);
        await clean.CatchUpAsync();
        return _foldAt[position] = clean.Dump();
    }

    public async ValueTask DisposeAsync() => await _ledger.DisposeAsync();

    /// <summary>The log as it stood when it ended at <paramref name="last"/>.</summary>
    private sealed class LogUpTo(IEventStoreReader inner, long last) : IEventStoreReader
    {
        public IAsyncEnumerable<StoredEvent> ReadStreamAsync(string streamId, StreamReadRange range, CancellationToken cancellationToken = default) =>
            inner.ReadStreamAsync(streamId, range with { UntilPosition = last }, cancellationToken);

        public async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
            (await inner.ReadAllAsync(fromPosition, maxCount, cancellationToken)).Where(e => e.Position <= last).ToList();

        public Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => Task.FromResult(last);
    }
}
