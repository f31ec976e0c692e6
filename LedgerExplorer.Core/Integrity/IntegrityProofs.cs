using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Integrity;

/// <summary>
/// Checks the ledger's proofs against a digest, with nothing but the proof, the digest and (for inclusion) the row:
/// no store, no ledger process. What the <c>verify --proof</c> command and any outside auditor run.
/// </summary>
public static class IntegrityProofs
{
    /// <summary>The row is the one the proof speaks of, unchanged, and it is in the log the digest describes.</summary>
    public static bool VerifyInclusion(StoredEvent row, InclusionProof proof, IntegrityDigest digest, out string why)
    {
        if (proof.TreeSize != digest.Position) return Fail($"the proof is for a log of {proof.TreeSize} events, the digest for {digest.Position}", out why);
        if (row.Position != proof.Position || proof.LeafIndex != proof.Position - 1) return Fail("the proof is for another position", out why);
        if (Hex(proof.PreviousHash) is not { } previous || Hex(proof.EventHash) is not { } claimed || Hex(digest.MerkleRoot) is not { } root)
            return Fail("a hash in the proof or the digest is not 64 hex digits", out why);
        if (!EventHash.Compute(previous, row).AsSpan().SequenceEqual(claimed)) return Fail("the row is not the one that was hashed: it changed", out why);
        if (Path(proof.AuditPath) is not { } path) return Fail("the audit path holds something that is not a hash", out why);
        if (!MerkleTree.VerifyInclusion(proof.LeafIndex, proof.TreeSize, claimed, path, root))
            return Fail("the audit path does not lead to the digest's Merkle root", out why);
        why = $"event {row.Position} is in the log of {digest.Position} events whose root is {digest.MerkleRoot[..12]}…";
        return true;
    }

    /// <summary>The log the <paramref name="later"/> digest describes extends the one the <paramref name="earlier"/> digest describes.</summary>
    public static bool VerifyConsistency(ConsistencyProof proof, IntegrityDigest earlier, IntegrityDigest later, out string why)
    {
        if (proof.From != earlier.Position || proof.To != later.Position) return Fail("the proof is for other sizes than the digests", out why);
        if (Hex(earlier.MerkleRoot) is not { } first || Hex(later.MerkleRoot) is not { } second) return Fail("a digest's root is not 64 hex digits", out why);
        if (Path(proof.Proof) is not { } path) return Fail("the proof holds something that is not a hash", out why);
        if (!MerkleTree.VerifyConsistency(proof.From, proof.To, first, second, path))
            return Fail($"the log of {later.Position} events does not extend the log of {earlier.Position}: something before position {earlier.Position + 1} was rewritten", out why);
        why = $"the log of {later.Position} events extends the log of {earlier.Position} without rewriting it";
        return true;
    }

    private static byte[]? Hex(string? hex) => EventHash.FromHex(hex);

    private static List<byte[]>? Path(IReadOnlyList<string> hexes)
    {
        var path = new List<byte[]>(hexes.Count);
        foreach (var hex in hexes)
        {
            if (Hex(hex) is not { } hash) return null;
            path.Add(hash);
        }

        return path;
    }

    private static bool Fail(string reason, out string why)
    {
        why = reason;
        return false;
    }
}
