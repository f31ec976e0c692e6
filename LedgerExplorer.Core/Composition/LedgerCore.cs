using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Audit;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Snapshots;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.Core.Composition;

/// <summary>
/// The ledger as every host composes it — the App, the Projector process, a walkthrough sandbox, the load and
/// prove commands, the tests: storage (<see cref="LedgerStorage"/>), the command side, the log-folding
/// queries, snapshots, the audit and the projector loop. No hosted service and nothing of a UI: a host adds
/// what runs, and when.
/// </summary>
public static class LedgerCore
{
    public static IServiceCollection AddLedgerCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLedgerStorage(configuration);
        services.TryAddSingleton<LedgerNotifications>();
        services.TryAddSingleton(sp => new SnapshotOptions(sp.GetRequiredService<IOptions<LedgerOptions>>().Value.SnapshotEvery));
        services.TryAddSingleton<SnapshotStore>();
        services.TryAddSingleton<AccountSnapshots>();
        services.TryAddSingleton<SnapshotDriftCheck>();
        services.TryAddSingleton(sp => new SnapshotVerifier(sp.GetRequiredService<EventStore.IEventStoreReader>(), sp.GetRequiredService<IPersonalDataVault>(),
            sp.GetRequiredService<AccountSnapshots>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<Microsoft.Extensions.Logging.ILogger<SnapshotVerifier>>()));
        services.TryAddSingleton<LedgerGate>();
        services.TryAddSingleton<AccountCommandHandler>();
        services.TryAddSingleton<LedgerQueries>();
        services.TryAddSingleton<Application.Reads.TimelineReads>();
        services.TryAddSingleton<Application.Reads.StatementReads>();
        services.TryAddSingleton<AccountAudit>();
        services.TryAddSingleton<Integrity.LedgerIntegrity>();
        services.TryAddSingleton(sp => sp.GetRequiredService<Integrity.LedgerIntegrity>().Verifier);
        services.TryAddSingleton<Integrity.IntegrityWatch>();
        services.TryAddSingleton(sp => new OwnerEraser(
            sp.GetRequiredService<AccountCommandHandler>(),
            new AccountLoader(sp.GetRequiredService<EventStore.IEventStoreReader>(), sp.GetRequiredService<IPersonalDataVault>()),
            sp.GetRequiredService<IPersonalDataVault>(),
            sp.GetRequiredService<IForgetJournal>(),
            sp.GetRequiredService<SnapshotStore>(),
            sp.GetRequiredService<ProjectionCatalog>().All,
            sp.GetRequiredService<ReadModelDatabase>()));
        services.TryAddSingleton<ProjectorLoop>();
        return services;
    }
}
