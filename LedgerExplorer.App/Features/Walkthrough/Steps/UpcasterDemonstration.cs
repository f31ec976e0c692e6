using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Core.Serialization;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class UpcasterDemonstration() : SandboxDemonstration(
    "upcaster",
    "Upcasting an old event",
    "Stored events are never rewritten, yet the code moves on. An upcaster turns the old shape into the new one as it is read, in the one path every load takes.",
    "/events",
    "LedgerExplorer.Core/Serialization/MoneyDepositedV1ToV2.cs",
    "Upcaster (UpcasterProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        await DemoLedger.SeedAsync(sandbox.Get<IEventStore>(), DateTimeOffset.UtcNow, sandbox.Get<IPersonalDataVault>(), cancellationToken: ct);
        var reader = sandbox.Get<IEventStoreReader>();
        StoredEvent? old = null;
        await foreach (var page in reader.ReadAllPagesAsync(1, 500, ct))
        {
            old = page.FirstOrDefault(e => e.EventType == "MoneyDeposited" && e.SchemaVersion == 1);
            if (old is not null) break;
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
}
