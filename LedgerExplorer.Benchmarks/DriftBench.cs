using System.Diagnostics;
using System.Globalization;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// <c>-- drift</c>: what the snapshot drift check costs (medians). On every load: the checksum and schema check
/// of the snapshot it starts from. On a snapshot's first use: a fold from the newest verified snapshot below
/// it (one interval), or — the first load after a new build, with nothing verified yet — from the start. In the
/// background: snapshots checked per second.
/// </summary>
internal static class DriftBench
{
    public static async Task<int> RunAsync()
    {
        const int events = 100_000, every = 100;
        await using var ledger = new BenchLedger();
        var directory = Path.GetDirectoryName(ledger.Database.Path)!;
        var keys = new Core.Privacy.SqliteKeyStore(Path.Combine(directory, "keys.db"));
        var derived = new ReadModelDatabase(Path.Combine(directory, "derived.db"));
        derived.Migrate();
        var snapshots = new AccountSnapshots(new SnapshotStore(derived), new SnapshotOptions(every));
        var id = AccountId.Parse("drift-bench");
        await GeneratedHistory.WriteLongStreamAsync(ledger.Store, keys, snapshots, id, events, every);
        var verifier = new SnapshotVerifier(ledger.Store, keys, snapshots);
        var newest = snapshots.Store.Candidates(id.StreamId, limit: 1)[0];

        var checksum = Median(200, () => AccountSnapshots.IsUsable(newest));
        var fromStart = Stopwatch.StartNew();
        await verifier.VerifyAsync(newest); // nothing verified below it: folds the whole stream, checking all 1,000 on the way
        var coldMs = fromStart.Elapsed.TotalMilliseconds;

        var oneInterval = new List<double>();
        foreach (var snapshot in snapshots.Store.ForStream(id.StreamId).Skip(1).Take(50))
        {
            var clock = Stopwatch.StartNew();
            await verifier.VerifyAsync(snapshot); // the one below it is verified: folds one interval
            oneInterval.Add(clock.Elapsed.TotalMilliseconds);
        }

        // The background pass over a stream whose snapshots are all unverified (as after a new build).
        using (var connection = derived.Open())
        using (var reset = connection.CreateCommand())
        {
            reset.CommandText = "UPDATE snapshots SET verified_with = NULL";
            reset.ExecuteNonQuery();
        }

        var background = Stopwatch.StartNew();
        long checkedCount = 0;
        while (await verifier.VerifySomeAsync(200) is var n && n > 0) checkedCount += n;
        var perSecond = checkedCount / background.Elapsed.TotalSeconds;

        Console.WriteLine($"Snapshot drift check — {DateTime.UtcNow:yyyy-MM-dd} — {Environment.ProcessorCount} cores; one stream of {events:N0} events, a snapshot every {every}");
        Console.WriteLine();
        Console.WriteLine("| check | when | cost |");
        Console.WriteLine("|---|---|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| checksum + schema of the snapshot a load starts from | every load | {checksum * 1000:0.0} µs |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| fold one interval ({every} events) from the verified snapshot below | a snapshot's first use | {oneInterval.Order().ElementAt(oneInterval.Count / 2):0.00} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| fold from the start, checking all {events / every:N0} snapshots on the way | first load after a new build | {coldMs:N0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| background pass | every 2 s, budget 200 | {perSecond:N0} snapshots/s |"));
        return 0;
    }

    private static double Median(int runs, Func<bool> check)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            check();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(runs / 2);
    }
}
