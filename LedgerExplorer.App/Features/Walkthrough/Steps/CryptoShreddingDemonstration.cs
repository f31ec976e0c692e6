using LedgerExplorer.App.Features.Privacy;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class CryptoShreddingDemonstration() : SandboxDemonstration(
    "crypto-shredding",
    "Crypto-shredding (GDPR erasure)",
    "An append-only log cannot delete a name. So the name is stored encrypted under a key per person, kept outside the log; destroying the key makes every copy unreadable while every balance still replays.",
    "/privacy",
    "LedgerExplorer.Core/Privacy/OwnerEraser.cs",
    "CryptoShredding (CryptoShreddingProofTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        var id = await OpenAsync(sandbox, "Ada Lovelace", 120m, ct);
        await Balances(sandbox).CatchUpAsync(cancellationToken: ct);
        var inspector = sandbox.Get<PrivacyInspector>();
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
}
