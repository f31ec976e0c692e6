using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Integrity;

namespace LedgerExplorer.Tests.Integrity;

/// <summary>
/// Someone with the file drops the triggers, edits, and puts them back. Whatever they edit, the walk names the
/// position where the log stops matching its chain — and an untouched copy verifies to its head.
/// </summary>
[Trait("Proof", "Integrity")]
public sealed class TamperEvidenceTests
{
    [Fact]
    public async Task An_untouched_copy_of_a_real_log_verifies_to_its_head()
    {
        await using var log = await TamperedLog.CopyAsync();

        var walk = await log.Integrity.Verifier.VerifyAsync();

        Assert.True(walk.Intact, walk.Break?.Reason);
        Assert.Equal(await log.HeadAsync(), walk.VerifiedTo);
        Assert.True(walk.VerifiedTo > 300, $"only {walk.VerifiedTo} events: not much of a real log");
    }

    [Fact]
    public async Task One_byte_of_data_changed_is_found_at_its_position()
    {
        await using var log = await TamperedLog.CopyAsync();
        var target = await MiddleAsync(log, "MoneyWithdrawn");
        // Flip the lowest bit of one character in the middle of the stored JSON (x XOR 1, as SQLite spells it).
        log.Tamper("UPDATE events SET data = substr(data, 1, length(data) / 2) || char((unicode(substr(data, length(data) / 2 + 1, 1)) | 1) - (unicode(substr(data, length(data) / 2 + 1, 1)) & 1)) || substr(data, length(data) / 2 + 2) WHERE global_position = $p",
            ("$p", target.Position));

        Assert.NotEqual(target.Data, (await log.RowAsync(target.Position)).Data);
        await AssertBrokenAtAsync(log, target.Position);
    }

    [Fact]
    public async Task An_amount_changed_is_found_at_its_position_and_the_earlier_digest_no_longer_holds()
    {
        await using var log = await TamperedLog.CopyAsync();
        var digest = await log.Integrity.DigestAsync();
        var target = await MiddleAsync(log, "MoneyDeposited", schemaVersion: 2);
        log.Tamper("UPDATE events SET data = json_set(data, '$.amount', 1000000) WHERE global_position = $p", ("$p", target.Position));

        var broken = await AssertBrokenAtAsync(log, target.Position);
        Assert.Contains("differs from what was hashed", broken.Reason, StringComparison.Ordinal);
        var check = await log.Integrity.CheckAsync(digest);
        Assert.False(check.Holds);
        Assert.Contains($"position {target.Position}", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_actor_changed_is_found_at_its_position()
    {
        await using var log = await TamperedLog.CopyAsync();
        var target = await MiddleAsync(log, "PlanChanged");
        log.Tamper("UPDATE events SET metadata = json_set(metadata, '$.actor', 'mallory') WHERE global_position = $p", ("$p", target.Position));

        await AssertBrokenAtAsync(log, target.Position);
    }

    [Fact]
    public async Task Two_rows_with_their_versions_swapped_are_found_at_the_first_and_the_walk_says_it_is_the_version()
    {
        await using var log = await TamperedLog.CopyAsync();
        var first = await MiddleAsync(log, "MoneyWithdrawn");
        var second = (await log.Store.ReadAllAsync(first.Position + 1, 100_000)).First(e => e.StreamId == first.StreamId);
        log.Tamper("UPDATE events SET stream_version = -1 WHERE global_position = $a; UPDATE events SET stream_version = $va WHERE global_position = $b; UPDATE events SET stream_version = $vb WHERE global_position = $a;",
            ("$a", first.Position), ("$b", second.Position), ("$va", first.StreamVersion), ("$vb", second.StreamVersion));

        var broken = await AssertBrokenAtAsync(log, first.Position);
        Assert.Contains("stream_version", broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_row_is_found_at_its_position()
    {
        await using var log = await TamperedLog.CopyAsync();
        var target = await MiddleAsync(log, "MoneyDeposited");
        log.Tamper("DELETE FROM events WHERE global_position = $p", ("$p", target.Position));

        var broken = await AssertBrokenAtAsync(log, target.Position);
        Assert.Contains("missing", broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_row_deleted_with_its_hash_still_fails_the_digest_taken_before()
    {
        await using var log = await TamperedLog.CopyAsync();
        var digest = await log.Integrity.DigestAsync();
        log.Tamper("DELETE FROM events WHERE global_position = $p; DELETE FROM event_hashes WHERE global_position = $p;", ("$p", digest.Position));

        Assert.True((await log.Integrity.Verifier.VerifyAsync()).Intact); // a clean cut: the chain alone cannot tell…
        var check = await log.Integrity.CheckAsync(digest); // …the digest someone kept can
        Assert.False(check.Holds);
        Assert.Contains("fewer than", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_row_appended_at_the_end_is_found_and_the_writer_refuses_to_chain_onto_it()
    {
        await using var log = await TamperedLog.CopyAsync();
        var head = await log.HeadAsync();
        var last = await log.RowAsync(head);
        log.Tamper("INSERT INTO events (global_position, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at) " +
                   "SELECT $p, stream_id, stream_version + 1, 'MoneyDeposited', 2, '{\"amount\":1000000,\"reference\":null}', metadata, recorded_at FROM events WHERE global_position = $last",
            ("$p", head + 1), ("$last", head));

        var broken = await AssertBrokenAtAsync(log, head + 1);
        Assert.Contains("no stored hash", broken.Reason, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<LogIntegrityException>(() => log.Store.AppendAsync(last.StreamId, ExpectedVersion.Exactly(last.StreamVersion + 1),
            [new EventData("MoneyDeposited", 2, """{"amount":1,"reference":null}""", new EventMetadata(Guid.NewGuid(), "t", Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow))]));
        Assert.Equal(head + 1, refused.Head);
        Assert.Equal(head + 1, await log.HeadAsync()); // nothing appended
    }

    [Fact]
    public async Task A_forger_who_recomputes_the_whole_chain_passes_the_walk_but_not_the_digest_nor_a_consistency_proof()
    {
        await using var log = await TamperedLog.CopyAsync();
        var earlier = await log.Integrity.DigestAsync(size: 200);
        var target = await MiddleAsync(log, "MoneyDeposited", schemaVersion: 2, before: 200);
        // Edit an amount, then empty the chain: the migration's one-time backfill recomputes it over the edited rows.
        log.Tamper("UPDATE events SET data = json_set(data, '$.amount', 1000000) WHERE global_position = $p; DELETE FROM event_hashes;", ("$p", target.Position));
        log.Database.Migrate();

        Assert.True((await log.Integrity.Verifier.VerifyAsync()).Intact); // internally consistent again
        Assert.False((await log.Integrity.CheckAsync(earlier)).Holds);
        var later = await log.Integrity.DigestAsync();
        var proof = await log.Integrity.ConsistencyAsync(earlier.Position, later.Position);
        Assert.False(IntegrityProofs.VerifyConsistency(proof, earlier, later, out var why));
        Assert.Contains("rewritten", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inclusion_proof_verifies_for_the_row_as_stored_and_not_once_the_row_is_changed()
    {
        await using var log = await TamperedLog.CopyAsync();
        var digest = await log.Integrity.DigestAsync();
        var target = await MiddleAsync(log, "MoneyWithdrawn");
        var proof = await log.Integrity.InclusionAsync(target.Position, digest.Position);

        Assert.True(IntegrityProofs.VerifyInclusion(target, proof, digest, out var why), why);
        Assert.True(proof.AuditPath.Count <= 64);
        Assert.False(IntegrityProofs.VerifyInclusion(target with { Data = target.Data.Replace("\"amount\":", "\"amount\":1", StringComparison.Ordinal) }, proof, digest, out why));
        Assert.Contains("changed", why, StringComparison.Ordinal);
        var otherDigest = await log.Integrity.DigestAsync(size: digest.Position - 1);
        Assert.False(IntegrityProofs.VerifyInclusion(target, proof, otherDigest, out _));
        Assert.False(IntegrityProofs.VerifyInclusion(target, proof, digest with { MerkleRoot = otherDigest.MerkleRoot }, out _));
    }

    [Fact]
    public async Task A_consistency_proof_between_two_digests_of_an_untouched_log_verifies()
    {
        await using var log = await TamperedLog.CopyAsync();
        var head = await log.HeadAsync();
        foreach (var m in new[] { 1L, 255, 256, 257, head / 2, head - 1 })
        {
            var earlier = await log.Integrity.DigestAsync(size: m);
            var later = await log.Integrity.DigestAsync();
            var proof = await log.Integrity.ConsistencyAsync(m, head);
            Assert.True(IntegrityProofs.VerifyConsistency(proof, earlier, later, out var why), why);
            Assert.True((await log.Integrity.CheckAsync(earlier)).Holds);
        }
    }

    private static async Task<ChainBreak> AssertBrokenAtAsync(TamperedLog log, long position)
    {
        var walk = await log.Integrity.Verifier.VerifyAsync();
        Assert.False(walk.Intact, "the tampered log verified");
        Assert.Equal(position, walk.Break!.Position);
        Assert.Equal(position - 1, walk.VerifiedTo);
        Assert.False(string.IsNullOrWhiteSpace(walk.Break.Reason));
        return walk.Break;
    }

    /// <summary>An event of the type near the middle of the log (not the first or last: the walk must find it among others).</summary>
    private static async Task<StoredEvent> MiddleAsync(TamperedLog log, string type, int? schemaVersion = null, long? before = null)
    {
        var head = before ?? await log.HeadAsync();
        var rows = await log.Store.ReadAllAsync(1, (int)head);
        return rows.Where(e => e.EventType == type && (schemaVersion is null || e.SchemaVersion == schemaVersion) && e.Position < head)
            .OrderBy(e => Math.Abs(e.Position - (head / 2))).First();
    }
}
