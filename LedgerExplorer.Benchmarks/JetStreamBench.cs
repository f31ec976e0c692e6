using System.Diagnostics;
using System.Globalization;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Hosting;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Snapshots;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// <c>-- jetstream [seconds]</c>: the same rows as the SQLite quick table, on a JetStream stream — single
/// appends, 16 concurrent writers, batches of 100 and 1,000, and read-all events/s — against a nats-server
/// this command starts (loopback, JetStream on, a temp store directory) and stops.
/// </summary>
public static class JetStreamBench
{
    private static int s_replicas = 1;

    public static async Task<int> RunAsync(TimeSpan window, bool cluster = false)
    {
        await using var server = cluster ? null : await LocalNatsServer.TryStartAsync();
        await using var nodes = cluster ? await LocalNatsCluster.TryStartAsync() : null;
        if (server is null && nodes is null)
        {
            Console.Error.WriteLine("jetstream: nats-server is not installed (apt-get install -y nats-server).");
            return 2;
        }

        var url = server?.Url ?? nodes!.Url;
        s_replicas = cluster ? 3 : 1;
        Console.WriteLine($"nats-server {url} (stream replicas: {s_replicas}); each row runs for {window.TotalSeconds:0.#} s");
        Console.WriteLine("| JetStream | events/s |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| single appends, one writer | {await AppendsAsync(url, "S1", writers: 1, batch: 1, window):N0} |");
        Console.WriteLine($"| single appends, 16 concurrent writers | {await AppendsAsync(url, "S16", writers: 16, batch: 1, window):N0} |");
        Console.WriteLine($"| deposits through the command handler (load from snapshot + tail, decide, append), one writer over 50 accounts | {await CommandsAsync(url, window):N0} |");
        Console.WriteLine($"| batches of 100 (one message each) | {await AppendsAsync(url, "B100", writers: 1, batch: 100, window):N0} |");
        Console.WriteLine($"| batches of 1,000 (one message each) | {await AppendsAsync(url, "B1000", writers: 1, batch: 1_000, window):N0} |");
        var (events, perSecond) = await ReadAllAsync(url, "B1000");
        Console.WriteLine($"| read all ({events:N0} events, batches of 1,000 events per message) | {perSecond:N0} |");
        var (singles, singlesPerSecond) = await ReadAllAsync(url, "S1");
        Console.WriteLine($"| read all ({singles:N0} events, one event per message) | {singlesPerSecond:N0} |");
        var (length, tailMs, hintedMs, wholeMs) = await LongStreamAsync(url, 20_000);
        Console.WriteLine();
        Console.WriteLine($"A {length:N0}-event stream, one event per message, among as many messages of other streams:");
        Console.WriteLine();
        Console.WriteLine("| read | ms |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| from its last version (a snapshot one version before the head: a tail of 1), searched for, mean of 50 | {tailMs:N2} |");
        Console.WriteLine($"| the same, given the snapshot's position (what a load from a snapshot passes), mean of 50 | {hintedMs:N2} |");
        Console.WriteLine($"| the whole stream (what any read walked before it searched for its start), mean of 5 | {wholeMs:N1} |");
        return 0;
    }

    private static async Task<double> AppendsAsync(string url, string name, int writers, int batch, TimeSpan window)
    {
        await using var store = new JetStreamEventStore(new JetStreamOptions { Url = url, Stream = name, SubjectPrefix = name.ToLowerInvariant(), Replicas = s_replicas });
        await store.EnsureCreatedAsync();
        long events = 0;
        var clockwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var stream = $"account-{w}";
            var version = 0L;
            while (clockwatch.Elapsed < window)
            {
                var result = await store.AppendAsync(stream, ExpectedVersion.Exactly(version), BenchLedger.Deposits(batch));
                version = result.NextVersion;
                Interlocked.Add(ref events, batch);
            }
        }));
        return events / clockwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// W1b: what a command costs end to end — the handler loads the account (its newest snapshot + the events after it),
    /// decides and appends — one writer over 50 accounts; on this JetStream stream, and on a SQLite log beside it.
    /// </summary>
    private static async Task<string> CommandsAsync(string url, TimeSpan window)
    {
        await using var jetStream = new JetStreamEventStore(new JetStreamOptions { Url = url, Stream = "W1B", SubjectPrefix = "w1b", Replicas = s_replicas });
        await using var sqlite = new BenchLedger();
        var onJetStream = await CommandsAsync(jetStream, window);
        var onSqlite = await CommandsAsync(sqlite.Store, window);
        return string.Create(CultureInfo.InvariantCulture, $"{onJetStream:N0} (SQLite beside it: {onSqlite:N0})");
    }

    private static async Task<double> CommandsAsync(IEventStore store, TimeSpan window)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ledger-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var keys = new SqliteKeyStore(Path.Combine(directory, "keys.db"));
            var readModels = new ReadModelDatabase(Path.Combine(directory, "readmodels.db"));
            readModels.Migrate();
            var handler = new AccountCommandHandler(store, TimeProvider.System, new LedgerNotifications(), keys, new AccountSnapshots(new SnapshotStore(readModels), new SnapshotOptions(100)));
            var accounts = Enumerable.Range(0, 50).Select(_ => AccountId.New()).ToList();
            foreach (var id in accounts) await handler.HandleAsync(id, new OpenAccount("Bench Owner", Plan.Basic, "EUR"), CommandContext.For("bench"));
            long accepted = 0;
            var clockwatch = Stopwatch.StartNew();
            for (var i = 0; clockwatch.Elapsed < window; i++)
            {
                if (await handler.HandleAsync(accounts[i % accounts.Count], new Deposit(1m), CommandContext.For("bench")) is CommandOutcome.Accepted) accepted++;
            }

            return accepted / clockwatch.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>W5's shape: a long stream read from its last version, and read whole.</summary>
    private static async Task<(long Length, double TailMs, double HintedMs, double WholeMs)> LongStreamAsync(string url, int length)
    {
        await using var store = new JetStreamEventStore(new JetStreamOptions { Url = url, Stream = "LONG", SubjectPrefix = "long", Replicas = s_replicas });
        await store.EnsureCreatedAsync();
        var version = 0L;
        var beforeLast = 0L; // the position of the version before the last: where a snapshot with a tail of one stands
        for (var i = 0; i < length; i++)
        {
            var appended = await store.AppendAsync("account-long", ExpectedVersion.Exactly(version), BenchLedger.Deposits(1));
            if (i == length - 2) beforeLast = appended.LastPosition;
            version = appended.NextVersion;
            await store.AppendAsync($"account-other{i}", ExpectedVersion.NoStream, BenchLedger.Deposits(1));
        }

        async Task<double> MeanMs(long from, int times, long? after = null)
        {
            var clockwatch = Stopwatch.StartNew();
            for (var t = 0; t < times; t++)
            {
                await foreach (var _ in store.ReadStreamAsync("account-long", new StreamReadRange(FromVersion: from, AfterPosition: after)))
                {
                }
            }

            return clockwatch.Elapsed.TotalMilliseconds / times;
        }

        await MeanMs(version, 5); // warm-up
        return (version, await MeanMs(version, 50), await MeanMs(version, 50, beforeLast), await MeanMs(1, 5));
    }

    private static async Task<(long Events, double PerSecond)> ReadAllAsync(string url, string name)
    {
        await using var store = new JetStreamEventStore(new JetStreamOptions { Url = url, Stream = name, SubjectPrefix = name.ToLowerInvariant(), Replicas = s_replicas });
        var clockwatch = Stopwatch.StartNew();
        long read = 0;
        await foreach (var page in store.ReadAllPagesAsync(1, 2_000)) read += page.Count;

        return (read, read / clockwatch.Elapsed.TotalSeconds);
    }
}
