using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Projections.History;
using LedgerExplorer.Core.Projections.Statements;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.Core.Composition;

/// <summary>
/// What every process of the ledger shares — the App and the Projector alike: the event store, the key
/// store, the read-model database and the projections. One composition, so the two processes cannot
/// disagree about where a file lives or which projections exist.
/// </summary>
public static class LedgerStorage
{
    public static IServiceCollection AddLedgerStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LedgerOptions>().Bind(configuration.GetSection(LedgerOptions.Section));
        services.AddOptions<ProjectorOptions>().Bind(configuration.GetSection(ProjectorOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<EventStoreOptions>().Bind(configuration.GetSection(EventStoreOptions.Section));
        var storeOptions = configuration.GetSection(EventStoreOptions.Section).Get<EventStoreOptions>() ?? new EventStoreOptions();
        var backend = storeOptions.Backend;
        if (backend == EventStoreBackend.JetStream)
        {
            services.AddSingleton(sp => new JetStreamEventStore(sp.GetRequiredService<IOptions<EventStoreOptions>>().Value.JetStream, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<JetStreamEventStore>());
            services.AddSingleton<ILedgerLog, JetStreamLedgerLog>();
        }
        else
        {
            services.AddSingleton(sp => new SqliteLedgerDatabase(Options(sp).EventLogPath));
            // The store stamps recorded-at from the host's clock (the wall clock; a test's fake one): no command can set it.
            services.AddSingleton(sp => new SqliteEventStore(sp.GetRequiredService<SqliteLedgerDatabase>(), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteEventStore>());
            services.AddSingleton<ILedgerLog, SqliteLedgerLog>();
        }

        services.AddSingleton<IEventStoreReader>(sp => sp.GetRequiredService<IEventStore>());
        services.AddSingleton(sp => (IEventChain)sp.GetRequiredService<IEventStore>()); // every backend keeps the hash chain

        services.AddSingleton(sp => new SqliteKeyStore(Options(sp).KeyStorePath));
        if (storeOptions.KeyStore == KeyStoreLocation.JetStream)
        {
            // Several Apps on one log share its keys: on the cluster, so a forget by any of them destroys the key for all.
            services.AddSingleton(sp => new JetStreamKeyStore(sp.GetRequiredService<IOptions<EventStoreOptions>>().Value.JetStream));
            services.AddSingleton<IKeyStore>(sp => sp.GetRequiredService<JetStreamKeyStore>());
        }
        else
        {
            services.AddSingleton<IKeyStore>(sp => sp.GetRequiredService<SqliteKeyStore>());
        }

        services.AddSingleton<IPersonalDataVault>(sp => sp.GetRequiredService<IKeyStore>());
        services.AddSingleton<IForgetJournal>(sp => sp.GetRequiredService<IKeyStore>());

        services.AddSingleton(sp => new ReadModelDatabase(Options(sp).ReadModelPath));
        services.AddSingleton<IProjectionRunner>(sp => ActivatorUtilities.CreateInstance<ProjectionRunner<BalanceRow>>(sp, new BalancesProjection()));
        services.AddSingleton<IProjectionRunner>(sp => ActivatorUtilities.CreateInstance<ProjectionRunner<StatementRow>>(sp, new StatementsProjection()));
        services.AddSingleton<IProjectionRunner>(sp => ActivatorUtilities.CreateInstance<ProjectionRunner<HistoryRow>>(sp, new HistoryProjection()));
        services.AddSingleton<ProjectionCatalog>();
        services.AddSingleton<ProjectorHeartbeat>();
        return services;
    }

    private static LedgerOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<LedgerOptions>>().Value;
}
