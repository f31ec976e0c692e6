using LedgerExplorer.Core.Demo;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.EventStore.Sqlite;
using LedgerExplorer.Core.Integrity;
using LedgerExplorer.Core.Privacy;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.App.Features.Walkthrough.Steps;

public sealed class TamperEvidenceDemonstration() : SandboxDemonstration(
    "integrity",
    "A tamper-evident log",
    "Triggers make the log append-only for the ledger, not for someone holding the file. Each event's hash covers its row and the hash before it, so an edit made behind the ledger's back is found — at its position — and a digest kept earlier stops matching.",
    "/events",
    "LedgerExplorer.Core/Integrity/ChainVerifier.cs",
    "Integrity (TamperEvidenceTests)")
{
    public override async Task PerformAsync(Sandbox sandbox, DemonstrationLog log, CancellationToken ct)
    {
        await DemoLedger.SeedAsync(sandbox.Get<IEventStore>(), DateTimeOffset.UtcNow, sandbox.Get<IPersonalDataVault>(), cancellationToken: ct);
        var integrity = sandbox.Get<LedgerIntegrity>();
        var digest = await integrity.DigestAsync(cancellationToken: ct);
        var walk = await integrity.Verifier.VerifyAsync(cancellationToken: ct);
        log.Did($"Seeded a ledger of {digest.Position} events and kept its digest, as an auditor would.");
        log.Saw("digest kept", $"position {digest.Position}, hash {Short(digest.Hash)}, Merkle root {Short(digest.MerkleRoot)}");
        log.Saw("walk before", walk.Intact ? $"verified up to position {walk.VerifiedTo} in {walk.Took.TotalMilliseconds:N0} ms" : $"broken at {walk.Break!.Position}");
        log.Expect(walk.Intact && walk.VerifiedTo == digest.Position, "The untouched ledger did not verify.");

        var rows = await sandbox.Get<IEventStoreReader>().ReadAllAsync(1, (int)digest.Position, ct);
        var target = rows.Where(e => e.EventType == "MoneyDeposited" && e.SchemaVersion == 2).OrderBy(e => Math.Abs(e.Position - (digest.Position / 2))).First();
        var database = sandbox.Get<SqliteLedgerDatabase>();
        EditBehindTheLedgersBack(database, target.Position);
        var edited = (await sandbox.Get<IEventStoreReader>().ReadAllAsync(target.Position, 1, ct))[0];
        log.Did($"With plain SQL: dropped the append-only triggers, set the amount of the deposit at position {target.Position} to 1,000,000, put the triggers back.");
        log.Saw("row before", target.Data);
        log.Saw("row after", edited.Data);

        var after = await integrity.Verifier.VerifyAsync(cancellationToken: ct);
        var check = await integrity.CheckAsync(digest, ct);
        log.Saw("walk after", after.Break is { } broken ? $"broken at position {broken.Position}: {broken.Reason}" : $"verified up to {after.VerifiedTo}");
        log.Saw("the digest kept before", check.Holds ? "still holds" : $"no longer holds — {check.Message}");
        log.Expect(after.Break?.Position == target.Position, "The walk did not name the edited row.");
        log.Expect(!check.Holds, "The digest kept before the edit still verified.");
    }

    /// <summary>What anyone with the file can do: the triggers are only a lock on the ledger's own door.</summary>
    private static void EditBehindTheLedgersBack(SqliteLedgerDatabase database, long position)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_reject_update'";
        var trigger = (string)find.ExecuteScalar()!;
        using var edit = connection.CreateCommand();
        edit.CommandText = "DROP TRIGGER events_reject_update; UPDATE events SET data = json_set(data, '$.amount', 1000000) WHERE global_position = $p; " + trigger + ";";
        edit.Parameters.AddWithValue("$p", position);
        edit.ExecuteNonQuery();
    }
}
