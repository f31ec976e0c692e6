using LedgerExplorer.App.Features.Ledger;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Tests.Features.Ledger;

public sealed class StartOverTests
{
    [Fact]
    public async Task Starting_over_after_the_log_grew_past_the_demo_gives_read_models_that_match_the_new_log()
    {
        await using var app = new LedgerAppFactory { SeedDemo = true };
        _ = app.CreateClient(); // starts the host: migrated, seeded, projector running
        var services = app.Services;
        var handler = services.GetRequiredService<AccountCommandHandler>();
        var id = AccountId.New();
        await handler.HandleAsync(id, new OpenAccount("Extra Customer", Plan.Basic, "EUR"), CommandContext.For("alice"));
        for (var i = 0; i < 30; i++) await handler.HandleAsync(id, new Deposit(1m), CommandContext.For("alice")); // the old log now ends past the new one's head
        var balances = services.GetRequiredService<ProjectionCatalog>().Find("balances")!;
        await Eventually.Within(TimeSpan.FromSeconds(20), async () => (await balances.GetStatusAsync()).LagEvents == 0 ? true : (bool?)null);

        var head = await services.GetRequiredService<LedgerLifecycle>().StartOverAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(head, await services.GetRequiredService<IEventStore>().ReadHeadPositionAsync(TestContext.Current.CancellationToken));
        var status = await balances.GetStatusAsync(TestContext.Current.CancellationToken);
        Assert.Equal(head, status.Checkpoint);
        Assert.Null(status.Error);
        Assert.DoesNotContain("Extra Customer", balances.Dump(), StringComparison.Ordinal);
        using var scratch = new ReadModelHarness();
        var fresh = scratch.Runner(new Core.Projections.Balances.BalancesProjection(), services.GetRequiredService<IEventStore>(), services.GetRequiredService<Core.Privacy.IPersonalDataVault>());
        await fresh.CatchUpAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(fresh.Dump(), balances.Dump());
    }
}
