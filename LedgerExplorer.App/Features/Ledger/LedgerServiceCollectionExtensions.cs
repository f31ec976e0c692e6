using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.App.Features.Load;
using LedgerExplorer.App.Features.Privacy;
using LedgerExplorer.App.Features.Projector;
using LedgerExplorer.Core.Composition;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LedgerExplorer.App.Features.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// The ledger with the App's features over it, and nothing that runs on its own: Core's composition plus the
    /// services pages and commands use. A walkthrough sandbox and the tests compose exactly this.
    /// </summary>
    public static IServiceCollection AddLedgerFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLedgerCore(configuration);
        services.TryAddSingleton<PrivacyInspector>();
        services.TryAddSingleton<EventLogBrowser>();
        services.TryAddSingleton<BurstRunner>();
        services.TryAddTransient<LoadGenerator>();
        return services;
    }

    /// <summary>What runs in the App's background: the ledger's lifecycle (migrations, the demo seed), then the projector.</summary>
    public static IServiceCollection AddLedgerHostedServices(this IServiceCollection services)
    {
        services.AddSingleton<LedgerLifecycle>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerLifecycle>());

        // After the lifecycle: the projector starts on a migrated, seeded ledger.
        services.AddSingleton<ProjectorHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectorHost>());

        // The background half of the snapshot drift check.
        services.AddHostedService<Snapshots.SnapshotVerification>();

        // The hash chain, verified as the log grows.
        services.AddHostedService<Integrity.IntegrityMonitor>();
        return services;
    }
}
