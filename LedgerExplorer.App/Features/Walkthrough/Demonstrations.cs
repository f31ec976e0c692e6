using System.Diagnostics;
using System.Globalization;
using LedgerExplorer.App.Features.Audit;
using LedgerExplorer.App.Features.Load;
using LedgerExplorer.App.Features.Privacy;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Audit;
using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Projections;
using LedgerExplorer.Core.Projections.Balances;
using LedgerExplorer.Core.Snapshots;
using LedgerExplorer.Core.Serialization;
using Microsoft.EntityFrameworkCore;

namespace LedgerExplorer.App.Features.Walkthrough;

/// <summary>
/// Every demonstration, in classroom order. Each runs against its own sandbox ledger, does the thing for
/// real through the same code the App uses, records what it saw, and fails with a reason when what it
/// saw is not what the property promises.
/// </summary>
public static class Demonstrations
{
    private static readonly CommandContext Alice = CommandContext.For("alice");

    public static IReadOnlyList<Demonstration> All { get; } =
    [
        new("concurrency", "Optimistic concurrency",
            "Two people decide on the same version of an account at once. The log accepts the first append and refuses the second — it never merges them or loses one — because every append states the version it saw.",
            "/accounts", "LedgerExplorer.Core/EventStore/Sqlite/SqliteEventStore.cs", "Concurrency (ConcurrencyContract)", ConcurrencyAsync),
        new("idempotency", "Idempotent projection",
            "Transports deliver events more than once. A projection writes its rows and its checkpoint in one transaction and skips anything at or below the checkpoint, so a redelivered event changes nothing.",
            "/projections", "LedgerExplorer.Core/Projections/ProjectionRunner.cs", "Idempotency (IdempotencyProofTests)", IdempotencyAsync),
        new("rebuild", "Rebuild with equal hashes",
            "Read models are disposable: drop one, replay the log, and you must get the same bytes — or the log is not the only source of truth.",
            "/projections", "LedgerExplorer.Core/Projections/ReadModelDump.cs", "Rebuild (RebuildProofTests)", RebuildAsync),
        new("second-projection", "A second projection from history",
            "A new question gets a new read model, built from events written before it existed. Nothing was lost, because nothing was ever thrown away.",
            "/projections", "LedgerExplorer.Core/Projections/Statements/StatementsProjection.cs", "SecondProjection (SecondProjectionProofTests)", SecondProjectionAsync),
        new("temporal", "Temporal query",
            "The log holds every past state. Folding it only up to a position answers \"what was the balance then?\" exactly — no history table needed.",
            "/time-travel", "LedgerExplorer.Core/Application/LedgerQueries.cs", "TemporalQuery (TemporalQueryProofTests)", TemporalAsync),
        new("snapshots", "Snapshots bound load time",
            "Replaying a long stream gets slower as it grows. A snapshot every N events, checked by a checksum, lets a load start near the end — and it is only a cache: the events still decide.",
            "/snapshots", "LedgerExplorer.Core/Snapshots/AccountSnapshots.cs", "Snapshot (SnapshotProofTests)", SnapshotsAsync),
        new("upcaster", "Upcasting an old event",
            "Stored events are never rewritten, yet the code moves on. An upcaster turns the old shape into the new one as it is read, in the one path every load takes.",
            "/events", "LedgerExplorer.Core/Serialization/MoneyDepositedV1ToV2.cs", "Upcaster (UpcasterProofTests)", UpcasterAsync),
        new("crypto-shredding", "Crypto-shredding (GDPR erasure)",
            "An append-only log cannot delete a name. So the name is stored encrypted under a key per person, kept outside the log; destroying the key makes every copy unreadable while every balance still replays.",
            "/privacy", "LedgerExplorer.Core/Privacy/OwnerEraser.cs", "CryptoShredding (CryptoShreddingProofTests)", CryptoShreddingAsync),
        new("read-your-own-writes", "Read your own writes",
            "Read models trail the log. A command therefore answers with the state it produced, and the UI shows that — so a person never sees their own change missing while the projection catches up.",
            "/accounts", "LedgerExplorer.Core/Application/AccountCommandHandler.cs", "ReadYourOwnWrites (AccountsPageReadYourOwnWritesTests)", ReadYourOwnWritesAsync),
        new("projector-lag", "Projector lag under a burst",
            "The projector is asynchronous: under load it falls behind, and it must catch up — without losing or repeating an event. Measured, not assumed.",
            "/projector", "LedgerExplorer.Core/Projections/ProjectorLoop.cs", "ProjectionLag (ProjectionLagProofTests)", ProjectorLagAsync),
        new("second-backend", "A second backend on a log",
            "The store is a port. The same contract — including the concurrency race — holds on NATS JetStream, a replicated log, where the server itself refuses a stale append.",
            "/events", "LedgerExplorer.Core/EventStore/JetStream/JetStreamEventStore.cs", "SecondBackend (JetStreamConcurrencyContract)", SecondBackendAsync) { BringsItsOwnLog = true },
        new("audit", "The audit question",
            "\"Who changed this customer's plan on that day, and from what?\" — answered from the log alone, because every change is an event with who, when and what.",
            "/audit", "LedgerExplorer.Core/Audit/AccountAudit.cs", "Audit (AuditProofTests)", AuditAsync),
    ];

    public static Demonstration? Find(string id) => All.FirstOrDefault(d => d.Id == id);

    private static async Task<AccountId> OpenAsync(Sandbox sandbox, string owner, decimal deposit = 0, CancellationToken ct = default)
    {
        var handler = sandbox.Get<AccountCommandHandler>();
        var id = AccountId.New();
        Accepted(await handler.HandleAsync(id, new OpenAccount(owner, Plan.Basic, "EUR"), Alice, ct));
        if (deposit > 0) Accepted(await handler.HandleAsync(id, new Deposit(deposit), Alice, ct));
        return id;
    }

    private static CommandResult Accepted(CommandOutcome outcome) =>
        outcome is CommandOutcome.Accepted accepted ? accepted.Result : throw new InvalidOperationException($"The command was not accepted: {outcome}");

    private static IProjectionRunner Balances(Sandbox sandbox) => sandbox.Get<ProjectionCatalog>().Find(BalancesProjection.ProjectionName)!;

    private static string Short(string hash) => hash[..16] + "…";

    private static async Task ConcurrencyAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var id = await OpenAsync(sandbox!, "Ada Lovelace", 100m, ct);
        var handler = sandbox!.Get<AccountCommandHandler>();
        log.Did("Opened an account (version 2 after a deposit), then sent two withdrawals of 60.00 at the same moment, both expecting version 2.");
        using var start = new Barrier(2);
        var race = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(ct); return handler.HandleAsync(id, new Withdraw(60m), new CommandContext("bob", Guid.NewGuid(), 2), ct); }, ct),
            Task.Run(() => { start.SignalAndWait(ct); return handler.HandleAsync(id, new Withdraw(60m), new CommandContext("carol", Guid.NewGuid(), 2), ct); }, ct));
        string Describe(CommandOutcome o) => o switch
        {
            CommandOutcome.Accepted a => $"accepted: version {a.Result.Version}, balance {a.Result.State.Balance:N2}",
            CommandOutcome.Conflict c => $"refused: ConcurrencyException (expected {c.Exception.ExpectedVersion}, actual {c.Exception.ActualVersion})",
            _ => o.ToString(),
        };
        log.Saw("bob's withdrawal", Describe(race[0]));
        log.Saw("carol's withdrawal", Describe(race[1]));
        var final = await sandbox.Get<LedgerQueries>().GetAccountAsync(id, cancellationToken: ct);
        log.Saw("the account, folded from the log", $"version {final.Version}, balance {final.View!.Balance:N2}");
        log.Expect(race.Count(o => o is CommandOutcome.Accepted) == 1 && race.Count(o => o is CommandOutcome.Conflict) == 1, "Expected exactly one winner and one conflict.");
        log.Expect(final.Version == 3 && final.View!.Balance == 40m, "Expected the balance to move once (100.00 − 60.00).");
    }

    private static async Task IdempotencyAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        await OpenAsync(sandbox!, "Ada Lovelace", 250m, ct);
        var runner = Balances(sandbox!);
        await runner.CatchUpAsync(cancellationToken: ct);
        var deposit = (await sandbox!.Get<IEventStoreReader>().ReadAllAsync(2, 1, ct))[0];
        var redelivery = await runner.RedeliverAsync(deposit.Position, ct);
        log.Did($"Projected a deposit of 250.00, then delivered the same event (position {deposit.Position}) to the balances projection again.");
        log.Saw("checkpoint", redelivery.Checkpoint);
        log.Saw("applied again?", redelivery.Applied ? "yes" : "no — at or below the checkpoint, skipped");
        log.Saw("hash before", Short(redelivery.HashBefore));
        log.Saw("hash after", Short(redelivery.HashAfter));
        log.Expect(!redelivery.Applied && redelivery.HashBefore == redelivery.HashAfter, "The redelivered event changed the read model.");
    }

    private static async Task RebuildAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var written = await DemoLedger.SeedAsync(sandbox!.Get<IEventStore>(), DateTimeOffset.UtcNow, sandbox.Get<IPersonalDataVault>(), cancellationToken: ct);
        var runner = Balances(sandbox);
        await runner.CatchUpAsync(cancellationToken: ct);
        var rebuild = await runner.RebuildAsync(cancellationToken: ct);
        log.Did($"Seeded the demo ledger ({written} events), projected the balances, then emptied the read model and replayed the whole log.");
        log.Saw("SHA-256 before", rebuild.HashBefore);
        log.Saw("SHA-256 after", rebuild.HashAfter);
        log.Saw("replayed", $"{rebuild.Events:N0} events into {rebuild.Rows} rows in {rebuild.ElapsedMs:N0} ms");
        log.Expect(rebuild.Identical, "The rebuilt read model differs from the one it replaced.");
    }

    private static async Task SecondProjectionAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        await DemoLedger.SeedAsync(sandbox!.Get<IEventStore>(), DateTimeOffset.UtcNow, sandbox.Get<IPersonalDataVault>(), cancellationToken: ct);
        var statements = sandbox.Get<ProjectionCatalog>().Find("statements")!;
        var before = await statements.GetStatusAsync(ct);
        await statements.CatchUpAsync(cancellationToken: ct);
        var after = await statements.GetStatusAsync(ct);
        await using var context = sandbox.Get<ReadModelDatabase>().CreateContext();
        var rows = await context.Statements.CountAsync(ct);
        var sample = await context.Statements.OrderBy(s => s.Month).FirstAsync(ct);
        log.Did("Wrote three months of history first; only then started the monthly-statements projection, from checkpoint 0.");
        log.Saw("checkpoint before → after", $"{before.Checkpoint} → {after.Checkpoint} (head {after.Head})");
        log.Saw("statements built from history", rows);
        log.Saw("one of them", $"{sample.Month}: opening {sample.Opening}, credits {sample.Credits}, debits {sample.Debits}, closing {sample.Closing}");
        log.Expect(before.Checkpoint == 0 && after.Checkpoint == after.Head && rows > 0, "The new projection did not build from the whole history.");
    }

    private static async Task TemporalAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var handler = sandbox!.Get<AccountCommandHandler>();
        var id = await OpenAsync(sandbox, "Ada Lovelace", 100m, ct);
        var middle = Accepted(await handler.HandleAsync(id, new Deposit(50m), Alice, ct));
        Accepted(await handler.HandleAsync(id, new Withdraw(120m), Alice, ct));
        var queries = sandbox.Get<LedgerQueries>();
        var now = await queries.GetAccountAsync(id, cancellationToken: ct);
        var then = await queries.GetAccountAtPositionAsync(id, middle.Position, ct);
        log.Did($"Deposited 100.00 and 50.00, withdrew 120.00; then asked for the balance as of global position {middle.Position} (the second deposit).");
        log.Saw("balance now", $"{now.View!.Balance:N2} (version {now.Version})");
        log.Saw($"balance as of position {middle.Position}", $"{then.View!.Balance:N2} (version {then.Version})");
        log.Expect(then.View.Balance == 150m && now.View.Balance == 30m, "The as-of fold did not give the balance at that point.");
    }

    private static async Task SnapshotsAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        const int deposits = 2_000;
        var handler = sandbox!.Get<AccountCommandHandler>();
        var id = await OpenAsync(sandbox, "Ada Lovelace", ct: ct);
        for (var i = 0; i < deposits; i++) Accepted(await handler.HandleAsync(id, new Deposit(1m), Alice, ct));
        var withSnapshots = sandbox.Get<LedgerQueries>();
        var fullReplay = new LedgerQueries(sandbox.Get<IEventStoreReader>(), sandbox.Get<IPersonalDataVault>());
        var replayMs = await TimeAsync(() => fullReplay.GetAccountAsync(id, cancellationToken: ct));
        var snapshotMs = await TimeAsync(() => withSnapshots.GetAccountAsync(id, cancellationToken: ct));
        var a = await fullReplay.GetAccountAsync(id, cancellationToken: ct);
        var b = await withSnapshots.GetAccountAsync(id, cancellationToken: ct);
        log.Did($"Wrote {deposits:N0} deposits to one account (a snapshot every 100 events), then loaded it both ways, best of 5.");
        log.Saw("full replay", $"{replayMs:N2} ms");
        log.Saw("newest snapshot + tail", $"{snapshotMs:N3} ms");
        log.Saw("speed-up", $"{replayMs / snapshotMs:N0}×");
        log.Saw("both give", $"balance {a.View!.Balance:N2} at version {a.Version}");
        log.Expect(a.State == b.State && a.Version == b.Version, "The snapshot load disagrees with the full replay.");
        log.Expect(snapshotMs < replayMs, "Loading from the snapshot was not faster.");
    }

    private static async Task<double> TimeAsync(Func<Task> load)
    {
        await load();
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clockwatch = Stopwatch.StartNew();
            await load();
            best = Math.Min(best, clockwatch.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static async Task UpcasterAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        await DemoLedger.SeedAsync(sandbox!.Get<IEventStore>(), DateTimeOffset.UtcNow, sandbox.Get<IPersonalDataVault>(), cancellationToken: ct);
        var reader = sandbox.Get<IEventStoreReader>();
        StoredEvent? old = null;
        for (long from = 1; old is null;)
        {
            var page = await reader.ReadAllAsync(from, 500, ct);
            if (page.Count == 0) break;
            old = page.FirstOrDefault(e => e.EventType == "MoneyDeposited" && e.SchemaVersion == 1);
            from = page[^1].Position + 1;
        }

        log.Expect(old is not null, "No MoneyDeposited v1 row was found to upcast.");
        var upcast = EventCodec.UpcastData(old!);
        var reread = (await reader.ReadAllAsync(old!.Position, 1, ct))[0];
        log.Did($"Found a deposit stored as MoneyDeposited v1 (position {old.Position}) and read it through the upcaster chain.");
        log.Saw("stored (v1)", old.Data);
        log.Saw($"read as (v{EventTypeRegistry.ForName("MoneyDeposited").CurrentSchemaVersion})", upcast);
        log.Saw("stored bytes after reading", reread.Data == old.Data ? "unchanged" : "CHANGED");
        log.Expect(reread.Data == old.Data && upcast != old.Data, "The stored event was rewritten, or not upcast.");
    }

    private static async Task CryptoShreddingAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var id = await OpenAsync(sandbox!, "Ada Lovelace", 120m, ct);
        await Balances(sandbox!).CatchUpAsync(cancellationToken: ct);
        var inspector = sandbox!.Get<PrivacyInspector>();
        var before = (await inspector.InspectAsync(id, ct))!;
        var (outcome, forgot) = await sandbox.Get<OwnerEraser>().ForgetAsync(id, Alice, ct);
        Accepted(outcome);
        var after = (await inspector.InspectAsync(id, ct))!;
        log.Did("Opened an account for \"Ada Lovelace\" with 120.00, then forgot its owner: OwnerForgotten appended, the key destroyed.");
        log.Saw("ciphertext before", before.Encrypted.Ciphertext);
        log.Saw("ciphertext after", after.Encrypted.Ciphertext);
        log.Saw("stored row SHA-256", before.StoredSha256 == after.StoredSha256 ? "identical before and after" : "CHANGED");
        log.Saw("decrypts to", $"before: {before.Decrypted ?? "—"} · after: {after.Decrypted ?? "nothing (key destroyed)"}");
        log.Saw("owner now", after.Owner);
        log.Saw("balance replayed", $"{before.ReplayedBalance:N2} → {after.ReplayedBalance:N2}");
        log.Expect(forgot!.KeyDestroyed && after.Decrypted is null && after.Owner == PersonalData.Erased, "The name is still readable.");
        log.Expect(before.StoredSha256 == after.StoredSha256 && before.ReplayedBalance == after.ReplayedBalance, "The log was rewritten or the balance changed.");
    }

    private static async Task ReadYourOwnWritesAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var id = await OpenAsync(sandbox!, "Ada Lovelace", 100m, ct);
        var runner = Balances(sandbox!);
        await runner.CatchUpAsync(cancellationToken: ct);
        var result = Accepted(await sandbox!.Get<AccountCommandHandler>().HandleAsync(id, new Deposit(25m), Alice, ct));
        var lagging = await ReadModelBalanceAsync(sandbox, id, ct);
        await runner.CatchUpAsync(cancellationToken: ct);
        var caughtUp = await ReadModelBalanceAsync(sandbox, id, ct);
        log.Did("With no projector running, deposited 25.00 into an account holding 100.00; compared the command's answer with the read model, then let the projection catch up.");
        log.Saw("the command's result (what the UI shows)", $"{result.State.Balance:N2} at version {result.Version}");
        log.Saw("the balances read model, lagging", $"{lagging:N2}");
        log.Saw("the read model after catching up", $"{caughtUp:N2}");
        log.Expect(result.State.Balance == 125m && lagging == 100m && caughtUp == 125m, "The command result and the read model did not behave as expected.");
    }

    private static async Task<decimal?> ReadModelBalanceAsync(Sandbox sandbox, AccountId id, CancellationToken ct)
    {
        await using var context = sandbox.Get<ReadModelDatabase>().CreateContext();
        return (await context.Balances.FirstOrDefaultAsync(b => b.AccountId == id.Value, ct))?.Balance;
    }

    private static async Task ProjectorLagAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loop = sandbox!.Get<ProjectorLoop>();
        var running = Task.Run(() => loop.RunAsync(wake: null, stop.Token), CancellationToken.None);
        try
        {
            var summary = await sandbox.Get<LoadGenerator>().RunAsync(new LoadPlan(Rate: 400, Seconds: 2, Accounts: 20), cancellationToken: ct);
            foreach (var s in summary.Samples) log.Plot(s.AtMs / 1000, s.EventsBehind);
            log.Did("Ran the projector loop over a sandbox ledger and wrote 400 deposits a second for 2 seconds across 20 accounts, sampling its lag every 20 ms.");
            log.Saw("achieved", $"{summary.AppendsPerSecond:N0} commands/s, {summary.Failed} failed");
            log.Saw("lag ms p50 / p99 / max", string.Create(CultureInfo.InvariantCulture, $"{summary.LagMs.P50:N0} / {summary.LagMs.P99:N0} / {summary.LagMs.Max:N0}"));
            log.Saw("lag events p50 / p99 / max", string.Create(CultureInfo.InvariantCulture, $"{summary.LagEvents.P50:N0} / {summary.LagEvents.P99:N0} / {summary.LagEvents.Max:N0}"));
            log.Saw("caught up after the burst", summary.ConvergedAfterMs is { } c ? $"{c:N0} ms" : "not within the timeout");
            log.Expect(summary.Failed == 0 && summary.ConvergedAfterMs is not null, "The projector did not catch up (or commands failed).");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private static async Task SecondBackendAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        await using var server = await LocalNatsServer.TryStartAsync(ct);
        if (server is null)
        {
            log.Did("Would start a nats-server with JetStream and race two appends on it.");
            log.Skipped($"Not run: no nats-server was found ({string.Join(", ", LocalNatsServer.Candidates)}). Install it (apt-get install -y nats-server) to run this step.");
            return;
        }

        await using var one = new JetStreamEventStore(new JetStreamOptions { Url = server.Url });
        await using var other = new JetStreamEventStore(new JetStreamOptions { Url = server.Url });
        var first = await one.AppendAsync("account-ada", ExpectedVersion.NoStream, [Event("AccountOpened")], ct);
        using var start = new Barrier(2);
        async Task<string> Try(JetStreamEventStore store, string who)
        {
            try
            {
                start.SignalAndWait(ct);
                var r = await store.AppendAsync("account-ada", ExpectedVersion.Exactly(1), [Event("MoneyDeposited")], ct);
                return $"{who}: accepted at version {r.NextVersion}, position {r.LastPosition}";
            }
            catch (ConcurrencyException e)
            {
                return $"{who}: refused by the server — ConcurrencyException (expected {e.ExpectedVersion}, actual {e.ActualVersion})";
            }
        }

        var outcomes = await Task.WhenAll(Task.Run(() => Try(one, "writer A"), ct), Task.Run(() => Try(other, "writer B"), ct));
        var stored = await one.ReadAllAsync(1, 10, ct);
        log.Did($"Started nats-server (JetStream, {server.Url}), opened a stream on it, then raced two appends at expected version 1 from two store instances.");
        log.Saw("first append", $"version {first.NextVersion}, position {first.LastPosition} (= the JetStream sequence)");
        log.Saw("race", outcomes[0]);
        log.Saw("race", outcomes[1]);
        log.Saw("the stream holds", string.Join(", ", stored.Select(e => $"{e.Position}:{e.EventType} v{e.StreamVersion}")));
        log.Expect(outcomes.Count(o => o.Contains("accepted", StringComparison.Ordinal)) == 1 && stored.Count == 2, "Expected one winner, one refusal, and two events stored.");
    }

    private static EventData Event(string type) =>
        new(type, 1, "{}", new EventMetadata(Guid.CreateVersion7(), "walkthrough", Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow));

    private static async Task AuditAsync(Sandbox? sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var handler = sandbox!.Get<AccountCommandHandler>();
        var id = await OpenAsync(sandbox, "Ada Lovelace", 100m, ct);
        Accepted(await handler.HandleAsync(id, new ChangePlan(Plan.Premium), CommandContext.For("bob"), ct));
        Accepted(await handler.HandleAsync(id, new ChangePlan(Plan.Plus), CommandContext.For("carol"), ct));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var answer = await sandbox.Get<AccountAudit>().PlanChangesOnAsync(id, today, ct);
        log.Did($"Opened an account on Basic; bob changed it to Premium, carol to Plus. Then asked: who changed the plan on {today:yyyy-MM-dd}?");
        foreach (var sentence in AuditSentences.For(answer!)) log.Saw("answer", sentence);
        log.Expect(answer!.Changes.Count == 2 && answer.Changes[0].Actor == "bob" && answer.Changes[0].PriorPlan == Plan.Basic && answer.Changes[1].PriorPlan == Plan.Premium,
            "The audit answer does not match the changes made.");
    }
}
