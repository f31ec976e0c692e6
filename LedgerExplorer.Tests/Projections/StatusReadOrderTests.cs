using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projections;

/// <summary>
/// A status is read while the log grows and the projector applies it. Whatever happens between its reads, it never
/// shows a checkpoint past the head (seen in CI: a status read as "checkpoint 677, head 675").
/// </summary>
[Trait("Proof", "ProjectionLag")]
public sealed class StatusReadOrderTests
{
    [Fact]
    public async Task Events_appended_and_applied_while_the_status_is_read_never_put_the_checkpoint_past_the_head()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var writer = new LedgerWriter(ledger.Store, ledger.Keys, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var id = AccountId.New();
        await writer.Do(id, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"));
        var projector = readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys);
        await projector.CatchUpAsync();

        // Right after the status reader asks for the head, two deposits land and the projector applies them.
        var racing = new AfterHeadRead(ledger.Store, async () =>
        {
            await writer.Do(id, new Deposit(1m));
            await writer.Do(id, new Deposit(2m));
            await projector.CatchUpAsync();
        });
        var status = await readModels.Runner(new BalancesProjection(), racing, ledger.Keys).GetStatusAsync();

        Assert.True(status.Checkpoint <= status.Head, $"checkpoint {status.Checkpoint} past head {status.Head}");
    }

    private sealed class AfterHeadRead(IEventStoreReader inner, Func<Task> then) : DelegatingReader(inner)
    {
        private Func<Task>? _then = then;

        public override async Task<long> ReadHeadPositionAsync(CancellationToken cancellationToken = default)
        {
            var head = await base.ReadHeadPositionAsync(cancellationToken);
            if (Interlocked.Exchange(ref _then, null) is { } act) await act();
            return head;
        }
    }
}
