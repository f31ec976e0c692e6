using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Benchmarks;

/// <summary>A valid ledger of a chosen size, written through the store in one append per account (fast to build).</summary>
internal static class BenchHistory
{
    public static async Task WriteAsync(IEventStore store, Core.Privacy.IPersonalDataVault vault, int accounts, int eventsPerAccount)
    {
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(11);
        for (var a = 0; a < accounts; a++)
        {
            var events = new List<EventData>(eventsPerAccount);
            var balance = 0m;
            for (var i = 0; i < eventsPerAccount; i++)
            {
                IAccountEvent e;
                var amount = Math.Round((decimal)random.NextDouble() * 300 + 1, 2);
                if (i == 0) e = new AccountOpened($"Owner {a}", (Plan)(a % 3), "EUR");
                else if (balance > amount && i % 3 == 0) { e = new MoneyWithdrawn(amount, "bench"); balance -= amount; }
                else { e = new MoneyDeposited(amount, null); balance += amount; }
                at = at.AddSeconds(1);
                events.Add(EventCodec.Encode(e, new EventMetadata(Guid.CreateVersion7(), "bench", Guid.CreateVersion7(), Guid.CreateVersion7(), at), $"bench-{a:D6}", vault));
            }

            await store.AppendAsync($"account-bench-{a:D6}", ExpectedVersion.NoStream, events);
        }
    }
}
