using LedgerExplorer.App.Features.Ledger;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>
/// A throw-away ledger for one demonstration: the App's own composition without its hosted services
/// (<see cref="LedgerServiceCollectionExtensions.AddLedgerFeatures"/>) on files in a temp directory, so no
/// projector runs unless the demonstration starts its loop. The demo ledger is never touched; disposing deletes every file.
/// </summary>
public sealed class Sandbox : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Sandbox(string directory, ServiceProvider services)
    {
        Directory = directory;
        _services = services;
    }

    public string Directory { get; }

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<Sandbox> CreateAsync(int snapshotEvery = 100, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ledger-sandbox-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:DataDir"] = directory,
            ["Ledger:SeedDemo"] = "false",
            ["Ledger:SnapshotEvery"] = snapshotEvery.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Projector:Mode"] = "InProcess",
            ["Projector:PollMilliseconds"] = "10",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddLedgerFeatures(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ILedgerLog>().EnsureCreatedAsync(cancellationToken);
        provider.GetRequiredService<ReadModelDatabase>().Migrate();
        return new Sandbox(directory, provider);
    }

    public async ValueTask DisposeAsync()
    {
        var files = (_services.GetRequiredService<SqliteLedgerDatabase>(), _services.GetRequiredService<ReadModelDatabase>(), _services.GetRequiredService<SqliteKeyStore>());
        await _services.DisposeAsync();
        // Only this sandbox's pooled connections: the App's own ledger, in this process, keeps its pools.
        files.Item1.ReleaseConnections();
        files.Item2.ReleaseConnections();
        files.Item3.ReleaseConnections();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp directory is cleaned by the system.
        }
    }
}
