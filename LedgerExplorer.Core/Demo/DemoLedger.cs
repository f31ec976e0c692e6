using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Demo;

/// <summary>
/// Seeds a demo ledger: seven customers and three months of deposits, withdrawals and plan changes by
/// several staff members, written through the ordinary command handler with a simulated clock so that
/// recorded-at spans those months. Deterministic for a given start instant.
/// </summary>
public static class DemoLedger
{
    public const int Days = 92;

    public static readonly IReadOnlyList<string> Staff = ["alice", "bob", "carol"];

    private static readonly (string Owner, Plan Plan, string Currency, decimal Salary)[] Customers =
    [
        ("Ada Lovelace", Plan.Premium, "GBP", 5_200m),
        ("Grace Hopper", Plan.Plus, "USD", 4_800m),
        ("Alan Turing", Plan.Basic, "GBP", 3_900m),
        ("Katherine Johnson", Plan.Plus, "USD", 4_100m),
        ("Edsger Dijkstra", Plan.Basic, "EUR", 4_400m),
        ("Barbara Liskov", Plan.Premium, "USD", 6_100m),
        ("Tony Hoare", Plan.Basic, "GBP", 3_600m),
    ];

    private static readonly string[] Shops = ["groceries", "rent", "books", "train", "coffee", "utilities", "cinema", "pharmacy"];

    /// <summary>Seeds only an empty log; returns how many events were written.</summary>
    public static async Task<long> SeedAsync(IEventStore store, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (await store.ReadHeadPositionAsync(cancellationToken) != 0) return 0;

        var start = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-Days - 1), TimeSpan.Zero).AddHours(8);
        var clock = new SteppedClock(start);
        var handler = new AccountCommandHandler(store, clock, new LedgerNotifications());
        var random = new Random(2026);
        var ids = new List<AccountId>();

        async Task Run(AccountId id, IAccountCommand command, string actor)
        {
            // A refusal (say, a withdrawal the plan does not cover) is simply part of the story: nothing is written.
            _ = await handler.HandleAsync(id, command, CommandContext.For(actor), cancellationToken);
        }

        foreach (var (customer, index) in Customers.Select((c, i) => (c, i)))
        {
            clock.Set(start.AddMinutes(17 * index));
            var id = AccountId.New();
            ids.Add(id);
            await Run(id, new OpenAccount(customer.Owner, customer.Plan, customer.Currency), Staff[index % Staff.Count]);
            await Run(id, new Deposit(customer.Salary / 2, "opening deposit"), Staff[index % Staff.Count]);
        }

        for (var day = 1; day <= Days; day++)
        {
            var date = start.AddDays(day);
            for (var i = 0; i < ids.Count; i++)
            {
                clock.Set(date.AddHours(1 + random.Next(9)).AddMinutes(random.Next(60)).AddSeconds(random.Next(60)));
                var customer = Customers[i];
                if (date.Day == 1 + (i % 3))
                {
                    await Run(ids[i], new Deposit(customer.Salary, $"salary {date:MMM yyyy}"), CommandContext.AnonymousActor);
                }
                else if (random.NextDouble() < 0.45)
                {
                    var amount = Math.Round((decimal)(random.NextDouble() * 180 + 5), 2);
                    await Run(ids[i], new Withdraw(amount, Shops[random.Next(Shops.Length)]), CommandContext.AnonymousActor);
                }
                else if (random.NextDouble() < 0.04)
                {
                    var plan = (Plan)random.Next(3);
                    await Run(ids[i], new ChangePlan(plan), Staff[random.Next(Staff.Count)]);
                }
            }
        }

        // One customer leaves (yesterday, so nothing is recorded in the future): settle the account to zero, then close it.
        var leaver = ids[^1];
        clock.Set(start.AddDays(Days).AddHours(15));
        var state = (await new AccountLoader(store).LoadAsync(leaver, cancellationToken: cancellationToken)).State;
        switch (state)
        {
            case AccountState.Active { Balance: > 0 } active:
                await Run(leaver, new Withdraw(active.Balance, "closing transfer"), "bob");
                break;
            case AccountState.Active { Balance: < 0 } overdrawn:
                await Run(leaver, new Deposit(-overdrawn.Balance, "settling overdraft"), "bob");
                break;
        }

        clock.Set(start.AddDays(Days).AddHours(15).AddMinutes(5));
        await Run(leaver, new CloseAccount(), "bob");
        return await store.ReadHeadPositionAsync(cancellationToken);
    }
}
