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

    [Fact]
    public async Task Two_start_overs_at_once_run_one_after_the_other_and_commands_meanwhile_are_refused_not_landed_in_the_new_log()
    {
        await using var app = new LedgerAppFactory { SeedDemo = true };
        _ = app.CreateClient();
        var services = app.Services;
        var handler = services.GetRequiredService<AccountCommandHandler>();
        var store = services.GetRequiredService<IEventStore>();
        var seeded = await store.ReadHeadPositionAsync(TestContext.Current.CancellationToken);
        var id = AccountId.New();
        await handler.HandleAsync(id, new OpenAccount("Racer", Plan.Basic, "EUR"), CommandContext.For("racer"));
        var lifecycle = services.GetRequiredService<LedgerLifecycle>();

        using var stop = new CancellationTokenSource();
        var outcomes = new List<CommandOutcome>();
        var racer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var outcome = await handler.HandleAsync(id, new Deposit(1m), CommandContext.For("racer"));
                lock (outcomes) outcomes.Add(outcome);
            }
        }, TestContext.Current.CancellationToken);
        var heads = await Task.WhenAll(lifecycle.StartOverAsync(), lifecycle.StartOverAsync()).WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await racer;

        Assert.Equal([seeded, seeded], heads); // each seeded a complete demo ledger: neither found the other's events in its way
        Assert.Equal(seeded, await store.ReadHeadPositionAsync(TestContext.Current.CancellationToken));
        Assert.Contains(outcomes, o => o is CommandOutcome.Unavailable); // the gate was closed while the ledger was replaced
        var leaked = new List<string>();
        await foreach (var page in store.ReadAllPagesAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            leaked.AddRange(page.Where(e => Core.EventStore.EventMetadataJson.Decode(e.Metadata).Actor == "racer").Select(e => $"{e.Position}:{e.EventType}"));
        }

        Assert.Empty(leaked); // no command decided on the old log landed in the new one
        Assert.Null((await services.GetRequiredService<ProjectionCatalog>().Find("balances")!.GetStatusAsync(TestContext.Current.CancellationToken)).Error);
    }
}
