using LedgerExplorer.App.Features.Ledger;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>
/// A throw-away ledger for one demonstration: the App's own composition (store, handler, projections,
/// key store, snapshots) on files in a temp directory, with no projector running unless the demonstration
/// starts one. The demo ledger is never touched; disposing deletes every file.
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
        services.AddLedgerCore(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ILedgerLog>().EnsureCreatedAsync(cancellationToken);
        provider.GetRequiredService<ReadModelDatabase>().Migrate();
        return new Sandbox(directory, provider);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
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
