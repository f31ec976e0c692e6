using System.Text.Json;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.App.Features.Integrity;

namespace LedgerExplorer.Tests.Integrity;

/// <summary>The <c>verify</c> command, on the files of a ledger: 0 and "verified" when untouched; 1 and the position when not; offline proof checks.</summary>
[Trait("Proof", "Integrity")]
public sealed class VerifyCommandTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task It_verifies_an_untouched_ledger_then_names_the_altered_row_and_says_the_kept_digest_no_longer_holds()
    {
        await using var log = await TamperedLog.CopyAsync();
        var dataDir = Path.GetDirectoryName(log.Database.Path)!;
        var digestFile = Path.Combine(dataDir, "digest.json");
        await File.WriteAllTextAsync(digestFile, JsonSerializer.Serialize(await log.Integrity.DigestAsync(), Json));

        var (ok, before) = await RunAsync("--digest", digestFile, $"--Ledger:DataDir={dataDir}");
        Assert.Equal(0, ok);
        Assert.Contains("Verified up to position", before, StringComparison.Ordinal);
        Assert.Contains("Digest holds", before, StringComparison.Ordinal);

        log.Tamper("UPDATE events SET data = json_set(data, '$.amount', 1000000) WHERE global_position = 100 AND json_extract(data, '$.amount') IS NOT NULL; " +
                   "UPDATE events SET metadata = json_set(metadata, '$.actor', 'mallory') WHERE global_position = 100");
        var (failed, after) = await RunAsync("--digest", digestFile, $"--Ledger:DataDir={dataDir}");
        Assert.Equal(1, failed);
        Assert.Contains("BROKEN at position 100", after, StringComparison.Ordinal);
        Assert.Contains("Digest does NOT hold", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_checks_an_inclusion_proof_against_a_digest_with_no_ledger_and_refuses_one_for_a_changed_row()
    {
        await using var log = await TamperedLog.CopyAsync();
        var dataDir = Path.GetDirectoryName(log.Database.Path)!;
        var digest = await log.Integrity.DigestAsync();
        var row = await log.RowAsync(42);
        var proof = await log.Integrity.InclusionAsync(42, digest.Position);
        var digestFile = Path.Combine(dataDir, "digest.json");
        var proofFile = Path.Combine(dataDir, "proof.json");
        var changedFile = Path.Combine(dataDir, "changed.json");
        await File.WriteAllTextAsync(digestFile, JsonSerializer.Serialize(digest, Json));
        await File.WriteAllTextAsync(proofFile, JsonSerializer.Serialize(new IntegrityEndpoints.ProofAnswer(proof, EventLogRow.From(row)), Json));
        await File.WriteAllTextAsync(changedFile, JsonSerializer.Serialize(new IntegrityEndpoints.ProofAnswer(proof, EventLogRow.From(row with { StreamVersion = row.StreamVersion + 1 })), Json));

        Assert.Equal(0, (await RunAsync("--proof", proofFile, "--digest", digestFile)).Code);
        var (code, output) = await RunAsync("--proof", changedFile, "--digest", digestFile);
        Assert.Equal(1, code);
        Assert.Contains("NOT verified: the row is not the one that was hashed", output, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("--proof", proofFile)).Code);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await VerifyCommand.RunAsync(args, output);
        return (code, output.ToString());
    }
}
