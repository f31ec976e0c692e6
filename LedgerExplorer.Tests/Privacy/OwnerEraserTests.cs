using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Privacy;

public sealed class OwnerEraserTests
{
    [Fact]
    public async Task A_forget_names_the_read_models_that_are_stopped_and_so_have_not_applied_it()
    {
        await using var ledger = SqliteHarness.Create();
        using var readModels = new ReadModelHarness();
        var handler = new AccountCommandHandler(ledger.Store, TimeProvider.System, new LedgerNotifications(), ledger.Keys);
        var id = AccountId.New();
        await handler.HandleAsync(id, new OpenAccount("Stopped Reader", Plan.Basic, "EUR"), CommandContext.For("t"));
        var balances = readModels.Runner(new BalancesProjection(), ledger.Store, ledger.Keys);
        var broken = readModels.Runner(new AlwaysThrows(), ledger.Store, ledger.Keys);
        await Assert.ThrowsAsync<ProjectionFailedException>(() => broken.CatchUpAsync());
        var eraser = new OwnerEraser(handler, new AccountLoader(ledger.Store, ledger.Keys), ledger.Keys, ledger.Keys, new SnapshotStore(readModels.Database), [balances, broken], readModels.Database);

        var (_, result) = await eraser.ForgetAsync(id, CommandContext.For("dpo"));

        Assert.True(result!.KeyDestroyed);
        Assert.Equal(["always-throws"], result.StoppedProjections);
        Assert.Contains(PersonalData.Erased, balances.Dump(), StringComparison.Ordinal);
    }

    /// <summary>A projection stuck at its first event, sharing the balances table.</summary>
    private sealed class AlwaysThrows : IProjection<BalanceRow>
    {
        public string Name => "always-throws";

        public IReadModelTable<BalanceRow> Table { get; } = new BalancesProjection().Table;

        public IEnumerable<BalanceRow> Apply(ProjectedEvent e, IRowSet<BalanceRow> rows) => throw new InvalidOperationException("stuck");
    }
}
