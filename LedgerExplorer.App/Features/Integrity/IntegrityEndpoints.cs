using LedgerExplorer.App.Features.Api;
using LedgerExplorer.App.Features.EventLog;
using LedgerExplorer.App.Features.Identity;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Integrity;

namespace LedgerExplorer.App.Features.Integrity;

/// <summary>The tamper-evident log over HTTP: the digest to keep, the walk, and proofs anyone can check with <see cref="IntegrityProofs"/>.</summary>
public static class IntegrityEndpoints
{
    public static IEndpointRouteBuilder MapIntegrityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/integrity", async (long? size, LedgerIntegrity integrity, IEventStoreReader log, CancellationToken ct) =>
        {
            var head = await log.ReadHeadPositionAsync(ct);
            if (size is { } n && (n < 0 || n > head))
                return ApiProblems.BadRequest($"size must be between 0 and the log's head ({head}).", "size_out_of_range");
            return TypedResults.Ok(await integrity.DigestAsync(size, ct));
        })
        .WithTags("Integrity")
        .RequireAuthorization(LedgerAction.Read)
        .WithSummary("The digest of the log (its head by default, or its first `size` events): position, chain hash, Merkle root, when taken. Keep it: a later log that rewrote anything before it will not match.");

        app.MapPost("/api/integrity/verify", async (VerifyRequest? request, IntegrityWatch watch, LedgerIntegrity integrity, CancellationToken ct) =>
        {
            var status = await watch.FullWalkAsync(ct);
            DigestCheck? check = null;
            if (request?.Digest is { } digest)
            {
                if (EventHash.FromHex(digest.Hash) is null || EventHash.FromHex(digest.MerkleRoot) is null || digest.Position < 0)
                    return ApiProblems.BadRequest("digest must be {position, hash, merkleRoot} as GET /api/integrity gives it (64 hex digits each).", "digest_malformed");
                check = await integrity.CheckAsync(digest, ct);
            }

            return TypedResults.Ok(new VerifyAnswer(status.Intact, status.VerifiedTo, status.Hash, status.Break?.Position, status.Break?.Reason,
                Math.Round(status.FullWalkTook.TotalMilliseconds, 1), check?.Holds, check?.Message));
        })
        .WithTags("Integrity")
        .RequireAuthorization(LedgerAction.Operate)
        .WithSummary("Re-walks the whole chain from the first event: verified up to N, or the first position whose row does not match its hash and why. With a digest in the body, also says whether the log still holds it.");

        app.MapGet("/api/events/{position}/proof", async (long position, long? digest, LedgerIntegrity integrity, IEventStoreReader log, CancellationToken ct) =>
        {
            var head = await log.ReadHeadPositionAsync(ct);
            if (position < 1 || position > head) return ApiProblems.NotFound($"The log has no event at position {position} (its head is {head}).", "event_not_found");
            var size = digest ?? head;
            if (size < position || size > head)
                return ApiProblems.BadRequest($"digest is the size of a log holding position {position}: between {position} and the head ({head}).", "digest_out_of_range");
            var row = (await log.ReadAllAsync(position, 1, ct)).Single();
            var proof = await integrity.InclusionAsync(position, size, ct);
            return TypedResults.Ok(new ProofAnswer(proof, EventLogRow.From(row, proof.EventHash)));
        })
        .WithTags("Integrity")
        .RequireAuthorization(LedgerAction.Read)
        .WithSummary("An inclusion proof (RFC 6962) of the event at a position in the tree of the log's first `digest` events (the head by default), with the row it speaks of.");

        app.MapGet("/api/integrity/consistency", async (long? from, long? to, LedgerIntegrity integrity, IEventStoreReader log, CancellationToken ct) =>
        {
            var head = await log.ReadHeadPositionAsync(ct);
            var second = to ?? head;
            if (from is not { } first) return ApiProblems.BadRequest("from is the size of the earlier log (the position of an earlier digest).", "from_missing");
            if (first < 1 || second < first || second > head)
                return ApiProblems.BadRequest($"Need 1 ≤ from ≤ to ≤ the head ({head}).", "size_out_of_range");
            return TypedResults.Ok(await integrity.ConsistencyAsync(first, second, ct));
        })
        .WithTags("Integrity")
        .RequireAuthorization(LedgerAction.Read)
        .WithSummary("A consistency proof (RFC 6962) that the log of `to` events extends the log of `from` events without rewriting any of them.");
        return app;
    }

    public sealed record VerifyRequest(IntegrityDigest? Digest);

    public sealed record VerifyAnswer(bool Intact, long VerifiedTo, string Hash, long? BrokenAt, string? Reason, double Ms, bool? DigestHolds, string? DigestMessage);

    public sealed record ProofAnswer(InclusionProof Proof, EventLogRow Event);
}
