using System.Diagnostics;
using System.Globalization;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Core.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project LedgerExplorer.Benchmarks -- scale [events] [accounts] [--browser]</c>: builds (once,
/// kept under the temp directory) a ledger of 1,000,000 events over 1,000 accounts, then times each read the explorer
/// makes two ways — "before", folding the log from position 1 as the reads did until now, and "after", the bounded
/// read — checks that both give the same answer, and prints one markdown table. <c>--browser</c> adds the App (Release)
/// on that ledger, driven by Chromium: the Time Travel page until its chart shows, a step, and the App's memory.
/// </summary>
internal static class ScaleBench
{
    public static async Task<int> RunAsync(int events, int accounts, bool browser)
    {
        Console.WriteLine($"LedgerExplorer scale bench — {DateTime.UtcNow:yyyy-MM-dd} — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}");
        var dataDir = Path.Combine(Path.GetTempPath(), "ledger-scale", $"{events}-{accounts}");
        await using (var ledger = await ScaleLedger.EnsureAsync(dataDir, events, accounts))
        {
            var failures = await MeasureReadsAsync(ledger, events);
            if (failures > 0) return 1;
        }

        return browser ? await BrowserTiming.RunAsync(dataDir) : 0;
    }

    private static async Task<int> MeasureReadsAsync(ScaleLedger ledger, long head)
    {
        var services = ledger.Services;
        var reader = services.GetRequiredService<IEventStoreReader>();
        var vault = services.GetRequiredService<IPersonalDataVault>();
        var queries = services.GetRequiredService<LedgerQueries>();
        var timeline = services.GetRequiredService<TimelineReads>();
        var replay = new LedgerReplay(reader, vault);
        var withSnapshots = new AccountLoader(reader, vault, services.GetRequiredService<AccountSnapshots>());
        var random = new Random(19);
        var middle = ScaleLedger.Start.AddSeconds(20 * head / 2);
        var account = ScaleLedger.Account(500);
        var failures = 0;

        Console.WriteLine();
        Console.WriteLine($"Reads on {head:N0} events; median of the runs (before: 3 runs, after: 21), each after one unmeasured run. \"Same\": both gave the same answer.");
        Console.WriteLine();
        Console.WriteLine("| read | before: fold the log from position 1 | after | speed-up | same |");
        Console.WriteLine("|---|---:|---:|---:|---|");

        async Task Row<T>(string name, Func<Task<T>> before, Func<Task<T>> after, Func<T, T, bool> same)
        {
            var (beforeMs, b) = await MedianAsync(before, 3);
            var (afterMs, a) = await MedianAsync(after, 21);
            var equal = same(b, a);
            if (!equal) failures++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Format(beforeMs)} | {Format(afterMs)} | {beforeMs / afterMs:N0}× | {(equal ? "yes" : "**NO**")} |"));
        }

        static bool SameList(IReadOnlyList<AccountView> x, IReadOnlyList<AccountView> y) => x.SequenceEqual(y);

        await Row("`GET /api/accounts`, the Accounts page: every account now", () => replay.ListAccountsAsync(), () => queries.ListAccountsAsync(), SameList);
        await Row("`GET /api/balances?asOf=` an instant halfway: every account", () => replay.ListAccountsAsync(new TimeSlice(middle)), () => queries.ListAccountsAsync(new TimeSlice(middle)), SameList);
        var earlier = ScaleLedger.Start.AddSeconds(20 * head / 4);
        await Row("`GET /api/balances?asOf=&knownAt=` halfway, as known a quarter in: every account", () => replay.ListAccountsAsync(new TimeSlice(middle, earlier)), () => queries.ListAccountsAsync(new TimeSlice(middle, earlier)), SameList);
        var position = random.NextInt64(head / 2, head); // in the later half: a replay to it reads most of the log
        await Row($"a Time Travel step: every account as of position {position:N0}", () => replay.ListAccountsAsync(upToPosition: position), () => queries.ListAccountsAsync(upToPosition: position), SameList);
        await Row("one account as of an instant halfway (before: its stream folded — a snapshot cannot start a business-time as-of, a late posting may lie behind it)", () => withSnapshots.LoadAsync(account, new TimeSlice(middle)), () => queries.GetAccountAsync(account, new TimeSlice(middle)), (x, y) => x == y);
        await Row($"one account as of position {position:N0} (with snapshots)", () => withSnapshots.LoadAsync(account, new StreamReadRange(UntilPosition: position)), () => queries.GetAccountAtPositionAsync(account, position), (x, y) => x == y);
        await Row("the Time Travel page's data: every event in memory + balances over time (before) / the list, as-of head, 10 accounts' series downsampled, the strip (after)",
            async () => (await WholeTimelineAsync(reader, vault)).Count,
            async () =>
            {
                var now = await queries.ListAccountsAsync();
                await queries.ListAccountsAsync(upToPosition: head);
                var ids = now.OrderByDescending(a => a.Balance).Take(10).Select(a => AccountId.Parse(a.AccountId)).ToList();
                var series = await timeline.BalancesOverTimeAsync(ids, 150);
                await reader.ReadAllAsync(head - 8, 13);
                return series.Count;
            },
            (_, _) => true);

        if (!await LongStreamRowAsync()) failures++;

        // What the old page kept per open tab: every event of the log in memory.
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var kept = await WholeTimelineAsync(reader, vault);
        var heapWith = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The old Time Travel page held the whole log per browser tab: {(heapWith - heapBefore) / 1024.0 / 1024.0:N0} MB of managed heap for {head:N0} events (the new one holds one page of accounts and ≤ 600 chart points per account drawn)."));

        // The answers agree at many more random points than the timed ones (one account, by position and instant).
        for (var i = 0; i < 20; i++)
        {
            var p = random.NextInt64(1, head + 1);
            var t = ScaleLedger.Start.AddSeconds(random.NextInt64(0, 20 * head + 40));
            var id = ScaleLedger.Account(random.Next(1_000));
            var plain = new AccountLoader(reader, vault);
            if (await plain.LoadAsync(id, new StreamReadRange(UntilPosition: p)) != await queries.GetAccountAtPositionAsync(id, p)) failures++;
            if (await plain.LoadAsync(id, new TimeSlice(t)) != await queries.GetAccountAsync(id, new TimeSlice(t))) failures++;
        }

        Console.WriteLine(failures == 0 ? "Every fast answer equalled the fold of the log (20 more random account/position/instant checks included)." : $"**{failures} answers differed from the fold of the log.**");
        return failures;
    }

    /// <summary>
    /// The row the issue measured at 16 ms: one account of 100,001 events (snapshots every 100), as of an instant
    /// halfway in business time. A snapshot cannot start that fold (a late posting may sit behind it), so before is the
    /// stream folded with each event filtered by when it happened; the history read model answers with two index seeks.
    /// </summary>
    private static async Task<bool> LongStreamRowAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ledger-scale", "long-stream-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var ledger = ScaleLedger.Open(directory);
            var services = ledger.Services;
            var (reader, vault, snapshots) = (services.GetRequiredService<IEventStoreReader>(), services.GetRequiredService<IPersonalDataVault>(), services.GetRequiredService<AccountSnapshots>());
            var id = AccountId.Parse("longstream0001");
            await Core.Demo.GeneratedHistory.WriteLongStreamAsync(services.GetRequiredService<IEventStore>(), vault, snapshots, id, 100_001, snapshotEvery: 100);
            await ledger.CatchUpAsync(report: false);
            var halfway = (await reader.ReadAllAsync(50_000, 1))[0].OccurredAt; // business time: when the 50,000th happened
            var queries = services.GetRequiredService<LedgerQueries>();
            var loader = new AccountLoader(reader, vault, snapshots);
            var (beforeMs, b) = await MedianAsync(() => loader.LoadAsync(id, new TimeSlice(halfway)), 21);
            var (afterMs, a) = await MedianAsync(() => queries.GetAccountAsync(id, new TimeSlice(halfway)), 21);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| one account of **100,001 events** as of an instant halfway (before: its stream folded) | {Format(beforeMs)} | {Format(afterMs)} | {beforeMs / afterMs:N0}× | {(a == b ? "yes" : "**NO**")} |"));
            return a == b;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>What the Time Travel page did before: read every event into memory and fold them all, remembering each balance.</summary>
    private static async Task<List<StoredEvent>> WholeTimelineAsync(IEventStoreReader reader, IPersonalDataVault vault)
    {
        var events = new List<StoredEvent>();
        await foreach (var page in reader.ReadAllPagesAsync(1, 5_000)) events.AddRange(page);
        var states = new Dictionary<string, AccountState>();
        var points = new Dictionary<string, List<(DateTime, decimal)>>();
        foreach (var stored in events)
        {
            var state = AccountDecider.Evolve(states.GetValueOrDefault(stored.StreamId, AccountDecider.Initial), EventCodec.Decode(stored, vault));
            states[stored.StreamId] = state;
            if (!points.TryGetValue(stored.StreamId, out var list)) points[stored.StreamId] = list = [];
            list.Add((stored.RecordedAt.UtcDateTime, state is AccountState.Active a ? a.Balance : 0m));
        }

        return events;
    }

    private static async Task<(double Ms, T Result)> MedianAsync<T>(Func<Task<T>> read, int runs)
    {
        var result = await read();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            result = await read();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return (times[runs / 2], result);
    }

    private static string Format(double ms) => ms >= 1_000
        ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.00} s")
        : string.Create(CultureInfo.InvariantCulture, $"{ms:0.000} ms");
}
