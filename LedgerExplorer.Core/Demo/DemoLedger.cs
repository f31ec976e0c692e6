using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.Core.Demo;

/// <summary>
/// Seeds a demo ledger: seven customers and three months of deposits, withdrawals and plan changes by
/// several staff members, with each month's statements issued on the 1st of the next, written through the ordinary
/// command handler with a simulated business clock — so occurred-at spans those months, while recorded-at is the
/// store's real clock: the seeding itself, a second or two. Then a customer dispute: a refund posted late and a
/// disputed card charge reversed, both in a month whose statement has gone out. Deterministic for a given start instant
/// (but for the recorded-at times).
/// </summary>
public static class DemoLedger
{
    public const int Days = 92;

    // The demo users who may open accounts (teller, manager, admin): the seeded history is what they could have done.
    public static readonly IReadOnlyList<string> Staff = ["alice", "bob", "admin"];

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

    /// <summary>Plan changes on known days by known staff — including a day with two — so there is something to audit.</summary>
    private static readonly (int Day, TimeSpan At, int Customer, Plan Plan, string Actor)[] PlanChanges =
    [
        (10, new(10, 12, 0), 0, Plan.Plus, "bob"),
        (10, new(15, 47, 0), 0, Plan.Premium, "admin"),
        (23, new(9, 30, 0), 2, Plan.Plus, "admin"),
        (41, new(14, 5, 0), 1, Plan.Premium, "bob"),
        (55, new(11, 20, 0), 3, Plan.Basic, "admin"),
        (70, new(16, 2, 0), 4, Plan.Premium, "bob"),
        (84, new(13, 15, 0), 6, Plan.Plus, "bob"),
    ];

    /// <summary>
    /// The opening deposits are written as the code of the time wrote them — MoneyDeposited schema v1, an integer
    /// number of cents and a memo — straight into the log, so the explorer shows old events read through the upcaster.
    /// </summary>
    private static async Task AppendLegacyDepositAsync(IEventStore store, AccountId id, decimal amount, string memo, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var cents = (long)(amount * 100);
        var correlation = Guid.CreateVersion7();
        var legacy = new EventData("MoneyDeposited", 1, $$"""{"amountInCents":{{cents}},"memo":"{{memo}}"}""",
            new EventMetadata(Guid.CreateVersion7(), actor, correlation, correlation, at));
        await store.AppendAsync(id.StreamId, ExpectedVersion.Exactly(1), [legacy], cancellationToken);
    }

    private static readonly string[] Shops = ["groceries", "rent", "books", "train", "coffee", "utilities", "cinema", "pharmacy"];

    /// <summary>Seeds only an empty log; returns how many events were written.</summary>
    public static async Task<long> SeedAsync(IEventStore store, DateTimeOffset now, Privacy.IPersonalDataVault vault, AccountSnapshots? snapshots = null, CancellationToken cancellationToken = default)
    {
        if (await store.ReadHeadPositionAsync(cancellationToken) != 0) return 0;

        var start = new DateTimeOffset(now.UtcDateTime.Date.AddDays(-Days - 1), TimeSpan.Zero).AddHours(8);
        var clock = new SteppedClock(start);
        var handler = new AccountCommandHandler(store, clock, new LedgerNotifications(), vault, snapshots);
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
            await AppendLegacyDepositAsync(store, id, customer.Salary / 2, "opening deposit", Staff[index % Staff.Count], clock.GetUtcNow(), cancellationToken);
        }

        for (var day = 1; day <= Days; day++)
        {
            // Decide the day's commands first, then send them in business-time order: the log's order is the order they happened in.
            var date = start.AddDays(day);
            var today = new List<(DateTimeOffset At, AccountId Id, IAccountCommand Command, string Actor)>();
            if (date.Day == 1)
            {
                // Last month's statements go out just after midnight on the 1st.
                var month = date.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                var issuedAt = new DateTimeOffset(date.UtcDateTime.Date, TimeSpan.Zero).AddMinutes(30);
                today.AddRange(ids.Select(id => (issuedAt, id, (IAccountCommand)new IssueStatement(month), "bob")));
            }

            for (var i = 0; i < ids.Count; i++)
            {
                var at = date.AddHours(1 + random.Next(9)).AddMinutes(random.Next(60)).AddSeconds(random.Next(60));
                var customer = Customers[i];
                if (date.Day == 1 + (i % 3))
                {
                    today.Add((at, ids[i], new Deposit(customer.Salary, $"salary {date:MMM yyyy}"), CommandContext.AnonymousActor));
                }
                else if (date.Day == 4 + (i % 3))
                {
                    today.Add((at, ids[i], new Withdraw(Math.Round(customer.Salary * 0.38m, 2), "rent"), CommandContext.AnonymousActor));
                }
                else if (random.NextDouble() < 0.45)
                {
                    var amount = Math.Round((decimal)(random.NextDouble() * 160 + 5), 2);
                    today.Add((at, ids[i], new Withdraw(amount, Shops[random.Next(Shops.Length)]), CommandContext.AnonymousActor));
                }
            }

            foreach (var change in PlanChanges.Where(c => c.Day == day))
            {
                today.Add((new DateTimeOffset(date.UtcDateTime.Date + change.At, TimeSpan.Zero), ids[change.Customer], new ChangePlan(change.Plan), change.Actor));
            }

            foreach (var (at, id, command, actor) in today.OrderBy(c => c.At))
            {
                clock.Set(at);
                await Run(id, command, actor);
            }
        }

        // One customer leaves (yesterday, so nothing is recorded in the future): settle the account to zero, then close it.
        var leaver = ids[^1];
        clock.Set(start.AddDays(Days).AddHours(15));
        var state = (await new AccountLoader(store, vault).LoadAsync(leaver, cancellationToken: cancellationToken)).State;
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

        clock.Set(start.AddDays(Days).AddHours(16));
        await SeedDisputeAsync(handler, store, vault, ids[DisputedCustomer], DisputedMonth(start), cancellationToken);
        return await store.ReadHeadPositionAsync(cancellationToken);
    }

    /// <summary>Whose statement the dispute changes: Katherine Johnson.</summary>
    public const int DisputedCustomer = 3;

    /// <summary>The disputed customer's name, as the screens show it.</summary>
    public static string DisputedOwner => Customers[DisputedCustomer].Owner;

    /// <summary>The month the dispute is about: the middle one of the three, whose statement has long gone out.</summary>
    public static DateTimeOffset DisputedMonth(DateTimeOffset start) => start.AddDays(Days / 2) is var middle ? new DateTimeOffset(middle.Year, middle.Month, 1, 0, 0, 0, TimeSpan.Zero) : default;

    public const string LateRefundReason = "refund posted late by the card network";
    public const string DisputeReason = "disputed card charge: the customer did not make it";

    /// <summary>
    /// The customer dispute, settled today by a manager: an airline refund that happened on the 12th of the disputed month
    /// but reached the ledger only now (a backdated deposit), and the month's first card charge reversed. The month's
    /// statement as issued does not show them; as it stands now it does.
    /// </summary>
    private static async Task SeedDisputeAsync(AccountCommandHandler handler, IEventStore store, Privacy.IPersonalDataVault vault, AccountId id, DateTimeOffset month, CancellationToken cancellationToken)
    {
        await handler.HandleAsync(id, new Deposit(240m, "airline refund", new Backdating(month.AddDays(11).AddHours(10), LateRefundReason)), CommandContext.For("bob"), cancellationToken);
        await foreach (var stored in store.ReadStreamAsync(id.StreamId, StreamReadRange.All, cancellationToken))
        {
            if (stored.EventType != "MoneyWithdrawn" || stored.OccurredAt < month || stored.OccurredAt >= month.AddMonths(1)) continue;
            var charge = EventMetadataJson.Decode(stored.Metadata, stored.RecordedAt).EventId;
            await handler.HandleAsync(id, new ReverseTransaction(charge, DisputeReason), CommandContext.For("bob"), cancellationToken);
            break;
        }
    }
}
