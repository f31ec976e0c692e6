using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Application.Reads;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class BitemporalDemonstration() : SandboxDemonstration(
    "bitemporal",
    "When it happened, and when the ledger learned it",
    "Every event has two times: when it happened (business time, from the command) and when the log recorded it (stamped by the store). A salary posted late and a card charge reversed change last month's statement as it stands now — but the statement as issued, and every answer \"as known at\" an earlier moment, stay what they were.",
    "/time-travel",
    "LedgerExplorer.Core/Application/TimeSlice.cs",
    "Bitemporal (BitemporalProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        // Business time on a clock of the demonstration's own, last-but-one month; recorded-at is the store's real clock.
        var today = DateTime.UtcNow.Date;
        var month = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-2);
        var name = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var clock = new SteppedClock(month.AddDays(1).AddHours(9));
        var handler = new AccountCommandHandler(sandbox.Get<IEventStore>(), clock, sandbox.Get<LedgerNotifications>(), sandbox.Get<IPersonalDataVault>());
        var id = AccountId.New();
        Accepted(await handler.HandleAsync(id, new OpenAccount("Ada Lovelace", Plan.Basic, "EUR"), Alice, ct));
        clock.Set(month.AddDays(2).AddHours(10));
        Accepted(await handler.HandleAsync(id, new Deposit(100m, "cash"), Alice, ct));
        clock.Set(month.AddDays(14).AddHours(12));
        var charge = Accepted(await handler.HandleAsync(id, new Withdraw(30m, "card 4417"), Alice, ct));
        clock.Set(month.AddMonths(1).AddMinutes(30));
        Accepted(await handler.HandleAsync(id, new IssueStatement(name), CommandContext.For("bob"), ct));
        log.Did($"Opened an account; in {name} deposited 100.00 and a card paid 30.00; on the 1st of the next month the {name} statement went out (closing 70.00).");

        clock.Set(new DateTimeOffset(today, TimeSpan.Zero).AddHours(-1));
        Accepted(await handler.HandleAsync(id, new Deposit(500m, "salary", new Backdating(month.AddDays(9).AddHours(12), "salary posted late by the payroll bureau")), CommandContext.For("bob"), ct));
        var chargeId = await EventIdAtAsync(sandbox, charge.Position, ct);
        Accepted(await handler.HandleAsync(id, new ReverseTransaction(chargeId, "disputed card charge"), CommandContext.For("bob"), ct));
        log.Did($"Today bob (a manager) posted a salary of 500.00 that was paid on {month.AddDays(9):yyyy-MM-dd} but reached the ledger only now, and reversed the card charge the customer disputed.");

        var statement = (await sandbox.Get<StatementReads>().CompareAsync(id, name, ct))!;
        var queries = sandbox.Get<LedgerQueries>();
        var endOfMonth = month.AddMonths(1).AddTicks(-1);
        var knownThen = (await queries.GetAccountAsync(id, new TimeSlice(endOfMonth, statement.IssuedAt), ct)).View!.Balance;
        var knownNow = (await queries.GetAccountAsync(id, new TimeSlice(endOfMonth), ct)).View!.Balance;
        log.Saw($"{name} statement as issued", $"opening {statement.AsIssued.Opening:N2}, in {statement.AsIssued.Credits:N2}, out {statement.AsIssued.Debits:N2}, closing {statement.AsIssued.Closing:N2}");
        log.Saw($"{name} statement now", $"opening {statement.AsNow.Opening:N2}, in {statement.AsNow.Credits:N2}, out {statement.AsNow.Debits:N2}, closing {statement.AsNow.Closing:N2}");
        log.Saw("recorded after it went out", string.Join("; ", statement.Differences.Select(d => $"{d.Kind} {d.BalanceChange:+0.00;-0.00} ({d.Reason})")));
        log.Saw($"balance at the end of {name}", $"as known when the statement went out {knownThen:N2}; as known now {knownNow:N2}");
        log.Expect(statement.AsIssued.Closing == 70m && statement.AsNow.Closing == 600m && statement.Differences.Count == 2 && knownThen == 70m && knownNow == 600m,
            "The statement as issued must stay 70.00 and the statement now be 600.00, with the late salary and the reversal between them.");
    }

    private static async Task<Guid> EventIdAtAsync(Sandbox sandbox, long position, CancellationToken ct)
    {
        var stored = (await sandbox.Get<IEventStore>().ReadAllAsync(position, 1, ct))[0];
        return EventMetadataJson.Decode(stored.Metadata, stored.RecordedAt).EventId;
    }
}
