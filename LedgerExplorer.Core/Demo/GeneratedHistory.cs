using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Core.Demo;

/// <summary>
/// Large, valid ledgers written straight through the store in batches (fast to build), for rebuild-sized tests,
/// benchmarks and the Snapshots page's timing: every event goes through the codec, so they read back like any other.
/// </summary>
public static class GeneratedHistory
{
    /// <summary>
    /// <paramref name="accounts"/> accounts of <paramref name="eventsPerAccount"/> events each (an open, then deposits
    /// and withdrawals that never overdraw), one append per account, <paramref name="spacing"/> apart. Returns the count.
    /// </summary>
    public static async Task<long> WriteAccountsAsync(IEventStore store, IPersonalDataVault vault, int accounts, int eventsPerAccount,
        DateTimeOffset start, TimeSpan spacing, string idPrefix = "bulk", int seed = 7, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var at = start;
        long written = 0;
        for (var a = 0; a < accounts; a++)
        {
            var id = AccountId.Parse($"{idPrefix}-{a:D6}");
            var balance = 0m;
            var events = new List<IAccountEvent>(eventsPerAccount) { new AccountOpened($"Owner {a}", (Plan)(a % 3), "EUR") };
            while (events.Count < eventsPerAccount)
            {
                var amount = Math.Round((decimal)random.NextDouble() * 500 + 1, 2);
                if (balance > amount && random.Next(3) == 0)
                {
                    events.Add(new MoneyWithdrawn(amount, idPrefix));
                    balance -= amount;
                }
                else
                {
                    events.Add(new MoneyDeposited(amount, null));
                    balance += amount;
                }
            }

            var data = events.Select(e =>
            {
                at += spacing;
                return EventCodec.Encode(e, new EventMetadata(Guid.CreateVersion7(), idPrefix, Guid.CreateVersion7(), Guid.CreateVersion7(), at), id.Value, vault);
            }).ToArray();
            await store.AppendAsync(id.StreamId, ExpectedVersion.NoStream, data, cancellationToken);
            written += data.Length;
        }

        return written;
    }

    /// <summary>
    /// One account of <paramref name="events"/> events, written in batches of 2,000, with a snapshot every
    /// <paramref name="snapshotEvery"/> versions (0: none) taken from the same fold. <paramref name="progress"/> hears the version written.
    /// </summary>
    public static async Task WriteLongStreamAsync(IEventStore store, IPersonalDataVault vault, AccountSnapshots snapshots, AccountId id, int events, int snapshotEvery,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        const int batchSize = 2_000;
        var state = AccountDecider.Initial;
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long version = 0;
        while (version < events)
        {
            var count = (int)Math.Min(batchSize, events - version);
            var batch = new List<EventData>(count);
            var taken = new List<(long Version, AccountState State, int Index)>();
            for (var i = 0; i < count; i++)
            {
                IAccountEvent e = version + i == 0
                    ? new AccountOpened("Benchmark Owner", Plan.Premium, "EUR")
                    : (version + i) % 3 == 0 ? new MoneyWithdrawn(1.25m, null) : new MoneyDeposited(2.50m, null);
                state = AccountDecider.Evolve(state, e);
                at = at.AddMilliseconds(10);
                batch.Add(EventCodec.Encode(e, new EventMetadata(Guid.CreateVersion7(), "benchmark", Guid.Empty, Guid.Empty, at), id.Value, vault));
                if (snapshotEvery > 0 && (version + i + 1) % snapshotEvery == 0) taken.Add((version + i + 1, state, i));
            }

            var appended = await store.AppendAsync(id.StreamId, ExpectedVersion.Exactly(version), batch, cancellationToken);
            // One append's events take consecutive positions.
            var firstPosition = appended.LastPosition - count + 1;
            // A snapshot is stamped with when its events were recorded (the append's commit), as the command handler's are.
            snapshots.Store.SaveMany(taken.Select(t => AccountSnapshots.Take(id.StreamId, t.State, t.Version, firstPosition + t.Index, appended.RecordedAt)).ToList());
            version = appended.NextVersion;
            progress?.Report(version);
        }
    }
}
