using System.Diagnostics;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Core.Snapshots;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// A large ledger in a data directory the App can open (<c>--Ledger:DataDir</c>), built once and kept: accounts whose
/// events interleave in the log as real traffic does (each round, every account appends a few events; 8 writers at
/// once, so group commit batches them), recorded-at rising 20 s an event, a snapshot every 100 versions, and every
/// read model caught up. Composed exactly as the App composes the ledger.
/// </summary>
internal sealed class ScaleLedger : IAsyncDisposable
{
    private const int PerAppend = 10;
    private const int SnapshotEvery = 100;
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ScaleLedger(string dataDir, ServiceProvider services) => (DataDir, Services) = (dataDir, services);

    public string DataDir { get; }

    public ServiceProvider Services { get; }

    public static AccountId Account(int index) => AccountId.Parse($"scale{index:D7}");

    public static ScaleLedger Open(string dataDir)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:DataDir"] = dataDir,
            ["Ledger:SeedDemo"] = "false",
            ["Ledger:SnapshotEvery"] = SnapshotEvery.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLedgerCore(configuration).BuildServiceProvider();
        services.GetRequiredService<SqliteLedgerDatabase>().Migrate();
        services.GetRequiredService<ReadModelDatabase>().Migrate();
        return new ScaleLedger(dataDir, services);
    }

    /// <summary>Opens the ledger in <paramref name="dataDir"/>, building it first unless it already holds <paramref name="events"/> events.</summary>
    public static async Task<ScaleLedger> EnsureAsync(string dataDir, int events, int accounts)
    {
        if (File.Exists(Path.Combine(dataDir, "ledger.db")))
        {
            var existing = Open(dataDir);
            if (await existing.Services.GetRequiredService<IEventStoreReader>().ReadHeadPositionAsync() == events)
            {
                Console.WriteLine($"Reusing the ledger in {dataDir} ({events:N0} events).");
                await existing.CatchUpAsync();
                return existing;
            }

            await existing.DisposeAsync();
            Directory.Delete(dataDir, recursive: true);
        }

        Directory.CreateDirectory(dataDir);
        var ledger = Open(dataDir);
        var clock = Stopwatch.StartNew();
        await ledger.WriteAsync(events, accounts);
        Console.WriteLine($"Wrote {events:N0} events over {accounts:N0} accounts in {clock.Elapsed.TotalSeconds:0.0} s ({events / clock.Elapsed.TotalSeconds:N0} events/s).");
        await ledger.CatchUpAsync();
        return ledger;
    }

    private async Task WriteAsync(int events, int accounts)
    {
        var store = Services.GetRequiredService<IEventStore>();
        var vault = Services.GetRequiredService<IPersonalDataVault>();
        var snapshots = Services.GetRequiredService<AccountSnapshots>();
        var states = new AccountState[accounts];
        Array.Fill(states, AccountDecider.Initial);
        var versions = new long[accounts];
        long sequence = 0;
        var perAccount = events / accounts;
        for (var round = 0; round * PerAppend < perAccount; round++)
        {
            var count = (int)Math.Min(PerAppend, perAccount - round * PerAppend);
            await Parallel.ForEachAsync(Enumerable.Range(0, accounts), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (a, ct) =>
            {
                var id = Account(a);
                var random = new Random(HashCode.Combine(a, round));
                var batch = new List<EventData>(count);
                var taken = new List<(int Index, AccountState State, long Version)>();
                for (var i = 0; i < count; i++)
                {
                    var e = NextEvent(states[a], a, random);
                    states[a] = AccountDecider.Evolve(states[a], e);
                    var at = Start.AddSeconds(20 * Interlocked.Increment(ref sequence));
                    batch.Add(EventCodec.Encode(e, new EventMetadata(Guid.CreateVersion7(), "scale", Guid.CreateVersion7(), Guid.CreateVersion7(), at), id.Value, vault));
                    if ((versions[a] + i + 1) % SnapshotEvery == 0) taken.Add((i, states[a], versions[a] + i + 1));
                }

                var appended = await store.AppendAsync(id.StreamId, ExpectedVersion.Exactly(versions[a]), batch, ct);
                // One append's events take consecutive positions: the snapshot's position is now known.
                var first = appended.LastPosition - count + 1;
                snapshots.Store.SaveMany(taken.Select(t => AccountSnapshots.Take(id.StreamId, t.State, t.Version, first + t.Index, appended.RecordedAt)).ToList()); // stamped when recorded
                versions[a] += count;
            });
            if (round % 10 == 0) Console.Write($"\r  written {Interlocked.Read(ref sequence):N0} events…");
        }

        Console.WriteLine();
    }

    private static IAccountEvent NextEvent(AccountState state, int index, Random random) => state switch
    {
        AccountState.Unopened => new AccountOpened($"Owner {index:D4}", (Plan)(index % 3), "EUR"),
        AccountState.Active { Plan: var plan } when random.Next(100) == 0 => new PlanChanged(plan == Plan.Premium ? Plan.Basic : Plan.Premium),
        AccountState.Active { Balance: var balance } when balance > 100 && random.Next(3) == 0 => new MoneyWithdrawn(Math.Round(balance / 4, 2), null),
        _ => new MoneyDeposited(random.Next(100, 50_000) / 100m, null),
    };

    /// <summary>Brings every read model to the head, timing each (what a first start of the projector on this log does).</summary>
    public async Task CatchUpAsync(bool report = true)
    {
        foreach (var runner in Services.GetRequiredService<ProjectionCatalog>().All)
        {
            var clock = Stopwatch.StartNew();
            var applied = await runner.CatchUpAsync();
            if (applied > 0 && report) Console.WriteLine($"  projection {runner.Name}: {applied:N0} events in {clock.Elapsed.TotalSeconds:0.0} s ({applied / clock.Elapsed.TotalSeconds:N0} events/s)");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
