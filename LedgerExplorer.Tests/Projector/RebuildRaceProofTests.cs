using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.Statements;
using LedgerExplorer.Tests.EventStore.Sqlite;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Projector;

/// <summary>
/// The race the App and its child projector used to lose: clients deposit continuously, the real Projector process
/// applies the log, and meanwhile the App rebuilds the same read models (empty, then replay). Round after round,
/// once writes stop, each read model equals a fresh fold of the log and no projection has stopped at an error.
/// </summary>
[Trait("Proof", "Rebuild")]
public sealed class RebuildRaceProofTests
{
    private const int Rounds = 50;
    private const int Clients = 6;

    [Fact]
    public async Task Rebuilding_while_clients_write_and_the_child_projector_applies_never_corrupts_a_read_model()
    {
        await using var ledger = SqliteHarness.Create();
        var handler = new AccountCommandHandler(ledger.Store, TimeProvider.System, new LedgerNotifications(), ledger.Keys);
        var accounts = new List<AccountId>();
        for (var i = 0; i < Clients; i++)
        {
            var id = AccountId.New();
            Assert.IsType<CommandOutcome.Accepted>(await handler.HandleAsync(id, new OpenAccount($"Client {i}", Plan.Basic, "EUR"), CommandContext.For("race")));
            accounts.Add(id);
        }

        var database = new ReadModelDatabase(Path.Combine(ledger.Directory, "readmodels.db"));
        database.Migrate();
        IProjectionRunner[] app =
        [
            new ProjectionRunner<BalanceRow>(new BalancesProjection(), ledger.Store, database, ledger.Keys, TimeProvider.System),
            new ProjectionRunner<StatementRow>(new StatementsProjection(), ledger.Store, database, ledger.Keys, TimeProvider.System),
        ];
        await using var projector = ProjectorProcess.Start(ledger.Directory);

        for (var round = 1; round <= Rounds; round++)
        {
            using var stop = new CancellationTokenSource();
            var headBefore = await ledger.Store.ReadHeadPositionAsync();
            var clients = accounts.Select(id => Task.Run(() => DepositUntilAsync(handler, id, stop.Token))).ToArray();
            await Eventually.Within(TimeSpan.FromSeconds(30), async () => await ledger.Store.ReadHeadPositionAsync() > headBefore + Clients ? true : (bool?)null);

            await app[round % 2].RebuildAsync(); // while the clients write and the child applies

            await stop.CancelAsync();
            await Task.WhenAll(clients);
            await Eventually.Within(TimeSpan.FromSeconds(20), async () => await CaughtUpAsync(app) ? true : (bool?)null);
            foreach (var runner in app)
            {
                Assert.Null((await runner.GetStatusAsync()).Error);
                Assert.True(await FreshFoldAsync(ledger, runner.Name) == runner.Dump(), $"round {round}: {runner.Name} differs from the fold of the log");
            }

            Assert.False(projector.HasExited, projector.Output);
        }
    }

    private static async Task DepositUntilAsync(AccountCommandHandler handler, AccountId id, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Assert.IsType<CommandOutcome.Accepted>(await handler.HandleAsync(id, new Deposit(1.25m), CommandContext.For("race")));
        }
    }

    private static async Task<bool> CaughtUpAsync(IEnumerable<IProjectionRunner> runners)
    {
        foreach (var runner in runners)
        {
            var status = await runner.GetStatusAsync();
            Assert.True(status.Error is null, $"{runner.Name} stopped at {status.Error?.Position}: {status.Error?.Message}");
            if (status.LagEvents > 0) return false;
        }

        return true;
    }

    private static async Task<string> FreshFoldAsync(SqliteHarness ledger, string name)
    {
        using var scratch = new ReadModelHarness();
        IProjectionRunner clean = name == BalancesProjection.ProjectionName
            ? scratch.Runner(new BalancesProjection(), ledger.Store, ledger.Keys)
            : scratch.Runner(new StatementsProjection(), ledger.Store, ledger.Keys);
        await clean.CatchUpAsync();
        return clean.Dump();
    }
}
