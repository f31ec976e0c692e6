using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.Statements;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.App.Features.Projector;
using LedgerExplorer.Core.Composition;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.App.Features.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>The ledger itself: the event store, the command handler and the log-folding queries.</summary>
    public static IServiceCollection AddLedgerCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLedgerStorage(configuration);
        services.AddSingleton<LedgerNotifications>();
        services.AddSingleton(sp => new Core.Privacy.OwnerEraser(
            sp.GetRequiredService<AccountCommandHandler>(), sp.GetRequiredService<Core.Privacy.IPersonalDataVault>(), sp.GetRequiredService<SnapshotStore>(),
            sp.GetRequiredService<ProjectionCatalog>().All, sp.GetRequiredService<ReadModelDatabase>()));
        services.AddSingleton(sp => new SnapshotOptions(sp.GetRequiredService<IOptions<LedgerOptions>>().Value.SnapshotEvery));
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<AccountSnapshots>();
        services.AddSingleton<SnapshotDriftCheck>();
        services.AddSingleton<AccountCommandHandler>();
        services.AddSingleton<LedgerQueries>();
        services.AddSingleton<Core.Audit.AccountAudit>();
        services.AddSingleton<Privacy.PrivacyInspector>();
        services.AddTransient<Load.LoadGenerator>();
        services.AddSingleton<LedgerLifecycle>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerLifecycle>());

        // After the lifecycle: the projector starts on a migrated, seeded ledger.
        services.AddSingleton<ProjectorLoop>();
        services.AddSingleton<ProjectorHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectorHost>());
        return services;
    }
}
