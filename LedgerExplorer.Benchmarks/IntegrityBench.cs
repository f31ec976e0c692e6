using System.Diagnostics;
using System.Text.Json;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Integrity;

namespace LedgerExplorer.Benchmarks;

/// <summary>
/// <c>integrity [events] [accounts]</c>: the tamper-evident log at scale, on the scale ledger (built by <c>scale</c> if
/// missing; a copy is chained, so the scale ledger itself is left as it is): the one-time chaining of a log from before
/// the chain, a full verification walk, the Merkle root cold and warm, and inclusion and consistency proofs — time and
/// size. Prints a Markdown table for docs/EVIDENCE.md.
/// </summary>
internal static class IntegrityBench
{
    public static async Task<int> RunAsync(int events, int accounts)
    {
        var source = Path.Combine(Path.GetTempPath(), "ledger-scale", $"{events}-{accounts}");
        if (!File.Exists(Path.Combine(source, "ledger.db")))
        {
            await using var built = await ScaleLedger.EnsureAsync(source, events, accounts); // written through today's writer: chained as it goes
        }

        var copy = Path.Combine(Path.GetTempPath(), "ledger-integrity", $"{events}-{accounts}");
        if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        Directory.CreateDirectory(copy);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            var file = Path.Combine(source, "ledger.db" + suffix);
            if (File.Exists(file)) File.Copy(file, Path.Combine(copy, "ledger.db" + suffix));
        }

        var database = new SqliteLedgerDatabase(Path.Combine(copy, "ledger.db"));
        var clock = Stopwatch.StartNew();
        database.Migrate(); // a log from before the chain: every event hashed and its link inserted, once
        var chaining = clock.Elapsed;

        await using var store = new SqliteEventStore(database);
        var integrity = new LedgerIntegrity(store, store, TimeProvider.System);
        var head = await store.ReadHeadPositionAsync();
        var walks = new List<ChainVerification>();
        for (var i = 0; i < 3; i++) walks.Add(await integrity.Verifier.VerifyAsync());
        if (walks.Any(w => !w.Intact || w.VerifiedTo != head)) throw new InvalidOperationException("The walk did not verify the whole log.");

        clock.Restart();
        var digest = await integrity.DigestAsync();
        var cold = clock.Elapsed;
        clock.Restart();
        await integrity.DigestAsync();
        var warm = clock.Elapsed;

        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var random = new Random(42);
        var proofTimes = new List<double>();
        var proofSizes = new List<int>();
        for (var i = 0; i < 1_000; i++)
        {
            var position = random.NextInt64(1, head + 1);
            clock.Restart();
            var proof = await integrity.InclusionAsync(position, head);
            proofTimes.Add(clock.Elapsed.TotalMilliseconds);
            proofSizes.Add(JsonSerializer.SerializeToUtf8Bytes(proof, json).Length);
            if (i < 20)
            {
                var row = (await store.ReadAllAsync(position, 1)).Single();
                if (!IntegrityProofs.VerifyInclusion(row, proof, digest, out var why)) throw new InvalidOperationException(why);
            }
        }

        clock.Restart();
        var consistency = await integrity.ConsistencyAsync(head / 3, head);
        var consistencyMs = clock.Elapsed.TotalMilliseconds;
        var earlier = await integrity.DigestAsync(head / 3);
        if (!IntegrityProofs.VerifyConsistency(consistency, earlier, digest, out var notConsistent)) throw new InvalidOperationException(notConsistent);

        proofTimes.Sort();
        Console.WriteLine($"Integrity at {head:N0} events ({accounts:N0} accounts), Release, {Environment.ProcessorCount} cores:");
        Console.WriteLine();
        Console.WriteLine("| measure | result |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| chaining a log from before the chain (once, at migration) | {chaining.TotalSeconds:N1} s |");
        Console.WriteLine($"| full verification walk (best of 3; all 3: {string.Join(", ", walks.Select(w => $"{w.Took.TotalSeconds:N2} s"))}) | {walks.Min(w => w.Took).TotalSeconds:N2} s ({head / walks.Min(w => w.Took).TotalSeconds:N0} events/s) |");
        Console.WriteLine($"| digest, Merkle root cold (first after start) | {cold.TotalMilliseconds:N0} ms |");
        Console.WriteLine($"| digest, warm | {warm.TotalMilliseconds:N2} ms |");
        Console.WriteLine($"| inclusion proof (1,000 random positions): median / p99 / max | {proofTimes[500]:N3} / {proofTimes[990]:N3} / {proofTimes[^1]:N3} ms |");
        Console.WriteLine($"| inclusion proof JSON size: max | {proofSizes.Max():N0} bytes ({consistency.Proof.Count} hashes in the consistency proof) |");
        Console.WriteLine($"| consistency proof {head / 3:N0} → {head:N0} | {consistencyMs:N2} ms |");
        return 0;
    }
}
