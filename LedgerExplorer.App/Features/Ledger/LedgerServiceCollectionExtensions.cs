using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.Statements;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.App.Features.Projections;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.App.Features.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>The ledger itself: the event store, the command handler and the log-folding queries.</summary>
    public static IServiceCollection AddLedgerCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SqliteLedgerDatabase(sp.GetRequiredService<IOptions<LedgerOptions>>().Value.EventLogPath));
        services.AddSingleton<SqliteEventStore>();
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.AddSingleton<IEventStoreReader>(sp => sp.GetRequiredService<SqliteEventStore>());
        services.AddSingleton<LedgerNotifications>();
        services.AddSingleton(sp => new Core.Privacy.SqliteKeyStore(sp.GetRequiredService<IOptions<LedgerOptions>>().Value.KeyStorePath));
        services.AddSingleton<Core.Privacy.IPersonalDataVault>(sp => sp.GetRequiredService<Core.Privacy.SqliteKeyStore>());
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
        services.AddSingleton(sp => new ReadModelDatabase(sp.GetRequiredService<IOptions<LedgerOptions>>().Value.ReadModelPath));
        services.AddSingleton<IProjectionRunner>(sp => ActivatorUtilities.CreateInstance<ProjectionRunner<BalanceRow>>(sp, new BalancesProjection()));
        services.AddSingleton<IProjectionRunner>(sp => ActivatorUtilities.CreateInstance<ProjectionRunner<StatementRow>>(sp, new StatementsProjection()));
        services.AddSingleton<ProjectionCatalog>();
        services.AddSingleton<LedgerLifecycle>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerLifecycle>());
        services.AddHostedService<ProjectionDaemon>();
        return services;
    }
}
