using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.Tests.Support;

/// <summary>A large, valid ledger written straight through the store in batches (fast), for rebuild-sized tests.</summary>
public static class BulkHistory
{
    public static async Task<long> WriteAsync(IEventStore store, Core.Privacy.IPersonalDataVault vault, int accounts, int eventsPerAccount, DateTimeOffset start)
    {
        var random = new Random(7);
        var at = start;
        long written = 0;
        for (var a = 0; a < accounts; a++)
        {
            var id = AccountId.Parse($"bulk-{a:D5}");
            var balance = 0m;
            var events = new List<IAccountEvent> { new AccountOpened($"Owner {a}", (Plan)(a % 3), "EUR") };
            while (events.Count < eventsPerAccount)
            {
                var amount = Math.Round((decimal)random.NextDouble() * 500 + 1, 2);
                if (balance > amount && random.Next(3) == 0)
                {
                    events.Add(new MoneyWithdrawn(amount, "bulk"));
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
                at = at.AddMinutes(7);
                return EventCodec.Encode(e, new EventMetadata(Guid.CreateVersion7(), "bulk", Guid.CreateVersion7(), Guid.CreateVersion7(), at), id.Value, vault);
            }).ToArray();
            await store.AppendAsync(id.StreamId, ExpectedVersion.NoStream, data);
            written += data.Length;
        }

        return written;
    }
}
