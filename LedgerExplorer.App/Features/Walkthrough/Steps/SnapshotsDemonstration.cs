using System.Diagnostics;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Snapshots;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class SnapshotsDemonstration() : SandboxDemonstration(
    "snapshots",
    "Snapshots bound load time",
    "Replaying a long stream gets slower as it grows. A snapshot every N events, checked by a checksum, lets a load start near the end — and it is only a cache: the events still decide.",
    "/snapshots",
    "LedgerExplorer.Core/Snapshots/AccountSnapshots.cs",
    "Snapshot (SnapshotProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        const int deposits = 2_000;
        var handler = sandbox.Get<AccountCommandHandler>();
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
        // What bounds the load is structural, not a stopwatch (timings vary with the machine; they are shown, not
        // asserted): the newest snapshot is within one interval of the head, so the load folds fewer than 100 events.
        var newest = sandbox.Get<AccountSnapshots>().Store.Candidates(id.StreamId, limit: 1);
        log.Saw("newest snapshot", newest.Count == 0 ? "none" : $"version {newest[0].Version}: the load folds {a.Version - newest[0].Version} event{(a.Version - newest[0].Version == 1 ? "" : "s")} after it");
        log.Expect(newest.Count == 1 && a.Version - newest[0].Version < 100, "The load would not start within one snapshot interval of the head.");
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
}
