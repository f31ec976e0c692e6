using System.Diagnostics;
using System.Globalization;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project LedgerExplorer.Benchmarks -- quick</c>: a few seconds per row, raw and
/// store interleaved in rounds on the same file (so disk noise hits both alike), medians, one markdown table.
/// </summary>
internal static class QuickBench
{
    private const int Rounds = 5;

    public static async Task<int> RunAsync(TimeSpan perRound)
    {
        Console.WriteLine($"LedgerExplorer quick bench — {DateTime.UtcNow:yyyy-MM-dd} — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}");
        Console.WriteLine("Durable appends: WAL + synchronous=FULL, one transaction per append, fresh events with rising recorded-at (both sides build them). Median of " + Rounds + " rounds.");
        Console.WriteLine();
        Console.WriteLine("| scenario | raw INSERT loop (events/s) | SqliteEventStore (events/s) | store / raw |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var batch in new[] { 1, 100, 1000 })
        {
            var (raw, store) = await MeasureAppendsAsync(batch, perRound);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(batch == 1 ? "1 event per append" : $"batches of {batch:N0}")} | {raw:N0} | {store:N0} | {store / raw:0.00} |"));
        }

        var (sequential, concurrent, perCommit) = await MeasureConcurrentWritersAsync(writers: 16, perRound);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| 16 concurrent writers, 1 event per append (group commit: {perCommit:0.0} appends/commit) | {sequential:N0} (one writer, same store) | {concurrent:N0} | {concurrent / sequential:0.00}× the single writer |"));

        var (fullRate, normalRate) = await MeasureSynchronousAsync(perRound);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| what NORMAL would trade: raw 1 event per commit, synchronous=FULL vs NORMAL | {fullRate:N0} (FULL) | {normalRate:N0} (NORMAL) | NORMAL is {normalRate / fullRate:0.0}× faster |"));

        var (rawWhole, rawMinimal, storeReplay) = await MeasureReplayAsync(1_000_000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| full replay of a 1,000,000-event stream (read whole rows + deserialize + fold) | {rawWhole:N0} | {storeReplay:N0} | {storeReplay / rawWhole:0.00} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| the same, raw reading only event_type and data (what the fold alone needs) | {rawMinimal:N0} | {storeReplay:N0} | {storeReplay / rawMinimal:0.00} |"));

        Console.WriteLine();
        Console.WriteLine("Projection rebuild (balances): empty the read model, reset the checkpoint, replay the whole log (read + decode + fold + write rows and checkpoint per batch).");
        Console.WriteLine();
        Console.WriteLine("| events in the log | accounts | rebuild time | events/s | dumps identical |");
        Console.WriteLine("|---:|---:|---:|---:|---|");
        foreach (var (events, accounts) in new[] { (100_000, 1_000), (1_000_000, 1_000) })
        {
            var result = await MeasureRebuildAsync(accounts, events / accounts);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {result.Events:N0} | {accounts:N0} | {result.ElapsedMs / 1000:0.00} s | {result.EventsPerSecond:N0} | {(result.Identical ? "yes" : "NO")} |"));
        }

        return 0;
    }

    private static async Task<(double Full, double Normal)> MeasureSynchronousAsync(TimeSpan perRound)
    {
        await using var ledger = new BenchLedger();
        using var full = new RawSqliteAppender(ledger.Database, "FULL");
        using var normal = new RawSqliteAppender(ledger.Database, "NORMAL");
        long fullVersion = 0, normalVersion = 0;
        var fullRates = new List<double>();
        var normalRates = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            fullRates.Add(await Rate(perRound, 1, () =>
            {
                full.Append("account-full", fullVersion++, BenchLedger.Deposits(1));
                return Task.CompletedTask;
            }));
            normalRates.Add(await Rate(perRound, 1, () =>
            {
                normal.Append("account-normal", normalVersion++, BenchLedger.Deposits(1));
                return Task.CompletedTask;
            }));
        }

        return (Median(fullRates), Median(normalRates));
    }

    /// <summary>Events/s replaying one long stream: the raw loop (best of 3), then the store's load path (best of 3).</summary>
    private static async Task<(double RawWhole, double RawMinimal, double Store)> MeasureReplayAsync(int events)
    {
        await using var ledger = new BenchLedger();
        var keys = new Core.Privacy.SqliteKeyStore(Path.Combine(Path.GetDirectoryName(ledger.Database.Path)!, "keys.db"));
        var derived = new ReadModelDatabase(Path.Combine(Path.GetDirectoryName(ledger.Database.Path)!, "derived.db"));
        derived.Migrate();
        var id = Core.Domain.AccountId.Parse("replay-stream");
        await Core.Demo.GeneratedHistory.WriteLongStreamAsync(ledger.Store, keys, new Core.Snapshots.AccountSnapshots(new Core.Snapshots.SnapshotStore(derived), new Core.Snapshots.SnapshotOptions(0)), id, events, 0);
        var loader = new Core.Application.AccountLoader(ledger.Store, keys);
        double whole = 0, minimal = 0, store = 0;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            RawReplay.Fold(ledger.Database, id.StreamId, wholeRows: true);
            whole = Math.Max(whole, events / clock.Elapsed.TotalSeconds);
            clock.Restart();
            RawReplay.Fold(ledger.Database, id.StreamId, wholeRows: false);
            minimal = Math.Max(minimal, events / clock.Elapsed.TotalSeconds);
            clock.Restart();
            await loader.LoadAsync(id);
            store = Math.Max(store, events / clock.Elapsed.TotalSeconds);
        }

        return (whole, minimal, store);
    }

    /// <summary>Single-event appends from one writer, then from <paramref name="writers"/> concurrent writers (each its own stream), on one store.</summary>
    private static async Task<(double Sequential, double Concurrent, double AppendsPerCommit)> MeasureConcurrentWritersAsync(int writers, TimeSpan perRound)
    {
        await using var ledger = new BenchLedger();
        var versions = new long[writers];
        async Task<long> Writer(int w, Stopwatch clock)
        {
            long count = 0;
            while (clock.Elapsed < perRound * 2)
            {
                versions[w] = (await ledger.Store.AppendAsync($"account-w{w}", ExpectedVersion.Exactly(versions[w]), BenchLedger.Deposits(1))).NextVersion;
                count++;
            }

            return count;
        }

        await Writer(0, Stopwatch.StartNew()); // warm-up
        var one = Stopwatch.StartNew();
        var sequential = await Writer(0, one) / one.Elapsed.TotalSeconds;

        var before = ledger.Store.CommitStatistics;
        var many = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => Writer(w, many))));
        var concurrent = counts.Sum() / many.Elapsed.TotalSeconds;
        var after = ledger.Store.CommitStatistics;
        return (sequential, concurrent, (double)(after.Appends - before.Appends) / (after.Commits - before.Commits));
    }

    private static async Task<RebuildResult> MeasureRebuildAsync(int accounts, int eventsPerAccount)
    {
        await using var ledger = new BenchLedger();
        var keys = new Core.Privacy.SqliteKeyStore(Path.Combine(Path.GetDirectoryName(ledger.Database.Path)!, "keys.db"));
        await Core.Demo.GeneratedHistory.WriteAccountsAsync(ledger.Store, keys, accounts, eventsPerAccount, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1), idPrefix: "bench", seed: 11);
        var readModels = new ReadModelDatabase(Path.Combine(Path.GetDirectoryName(ledger.Database.Path)!, "readmodels.db"));
        readModels.Migrate();
        var runner = new ProjectionRunner<BalanceRow>(new BalancesProjection(), ledger.Store, readModels, keys, TimeProvider.System) { BatchSize = 5_000 };
        await runner.CatchUpAsync();
        return await runner.RebuildAsync();
    }

    private static async Task<(double Raw, double Store)> MeasureAppendsAsync(int batchSize, TimeSpan perRound)
    {
        await using var ledger = new BenchLedger();
        // The raw loop on a file of its own, same schema and pragmas: its rows have no link in the hash chain, and the
        // store refuses to chain onto a log holding rows added beside its writer.
        await using var rawLedger = new BenchLedger();
        using var raw = new RawSqliteAppender(rawLedger.Database);
        long rawVersion = 0, storeVersion = 0;
        var rawRates = new List<double>();
        var storeRates = new List<double>();

        // Warm-up: JIT, page cache, prepared statements.
        raw.Append("account-raw", rawVersion, BenchLedger.Deposits(batchSize));
        rawVersion += batchSize;
        storeVersion = (await ledger.Store.AppendAsync("account-store", ExpectedVersion.Exactly(storeVersion), BenchLedger.Deposits(batchSize))).NextVersion;

        for (var round = 0; round < Rounds; round++)
        {
            rawRates.Add(Rate(perRound, batchSize, () =>
            {
                raw.Append("account-raw", rawVersion, BenchLedger.Deposits(batchSize));
                rawVersion += batchSize;
                return Task.CompletedTask;
            }).GetAwaiter().GetResult());
            storeRates.Add(await Rate(perRound, batchSize, async () =>
                storeVersion = (await ledger.Store.AppendAsync("account-store", ExpectedVersion.Exactly(storeVersion), BenchLedger.Deposits(batchSize))).NextVersion));
        }

        return (Median(rawRates), Median(storeRates));
    }

    private static async Task<double> Rate(TimeSpan duration, int eventsPerCall, Func<Task> append)
    {
        long events = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await append();
            events += eventsPerCall;
        }

        return events / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
