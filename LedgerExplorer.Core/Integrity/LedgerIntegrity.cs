using LedgerExplorer.Core.EventStore;

namespace LedgerExplorer.Core.Integrity;

/// <summary>
/// The tamper-evident log, as the App and the <c>verify</c> command use it: digests, inclusion and consistency
/// proofs from the Merkle tree over the stored chain, and walks that recompute the chain from the rows.
/// </summary>
public sealed class LedgerIntegrity(IEventStoreReader log, IEventChain chain, TimeProvider clock)
{
    private readonly MerkleLog _tree = new(chain);

    public ChainVerifier Verifier { get; } = new(chain);

    /// <summary>The digest of the log's first <paramref name="size"/> events (the head by default), from the stored chain.</summary>
    public async Task<IntegrityDigest> DigestAsync(long? size = null, CancellationToken cancellationToken = default)
    {
        var head = await log.ReadHeadPositionAsync(cancellationToken);
        var n = size ?? head;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, head, nameof(size));
        var hash = n == 0 ? EventHash.Genesis.ToArray() : await LinkAsync(n, cancellationToken);
        var root = await _tree.RootAsync(n, cancellationToken);
        return new IntegrityDigest(n, EventHash.ToHex(hash), EventHash.ToHex(root), clock.GetUtcNow());
    }

    /// <summary>The inclusion proof of the event at <paramref name="position"/> in the tree of <paramref name="treeSize"/> events.</summary>
    public async Task<InclusionProof> InclusionAsync(long position, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, treeSize);
        var proof = await _tree.InclusionAsync(position - 1, treeSize, cancellationToken);
        return new InclusionProof(position, treeSize, position - 1, EventHash.ToHex(proof.PreviousHash), EventHash.ToHex(proof.EventHash),
            proof.Path.Select(h => EventHash.ToHex(h)).ToList(), EventHash.ToHex(proof.Root));
    }

    public async Task<ConsistencyProof> ConsistencyAsync(long from, long to, CancellationToken cancellationToken = default)
    {
        var proof = await _tree.ConsistencyAsync(from, to, cancellationToken);
        return new ConsistencyProof(from, to, EventHash.ToHex(proof.FirstRoot), EventHash.ToHex(proof.SecondRoot), proof.Proof.Select(h => EventHash.ToHex(h)).ToList());
    }

    /// <summary>
    /// Whether the log still vouches for a digest kept earlier: the chain recomputed from the rows holds up to the
    /// digest's position and ends there at the digest's hash, and the tree of that many events has the digest's root.
    /// </summary>
    public async Task<DigestCheck> CheckAsync(IntegrityDigest digest, CancellationToken cancellationToken = default)
    {
        var head = await log.ReadHeadPositionAsync(cancellationToken);
        var walk = await Verifier.VerifyAsync(upTo: digest.Position, cancellationToken: cancellationToken);
        if (walk.Break is { } broken && broken.Position <= digest.Position)
            return new DigestCheck(false, $"The log no longer matches the digest of position {digest.Position}: it differs at position {broken.Position} ({broken.Reason}).", walk);
        if (head < digest.Position || walk.VerifiedTo < digest.Position)
            return new DigestCheck(false, $"The log holds {head} events, fewer than the {digest.Position} the digest vouches for: events were removed.", walk);
        if (!string.Equals(EventHash.ToHex(walk.Hash), digest.Hash, StringComparison.OrdinalIgnoreCase))
            return new DigestCheck(false, $"The chain at position {digest.Position} ends at {EventHash.ToHex(walk.Hash)[..12]}…, not at the digest's {digest.Hash[..Math.Min(12, digest.Hash.Length)]}…: the log before it was rewritten.", walk);
        var root = EventHash.ToHex(await _tree.RootAsync(digest.Position, cancellationToken));
        if (!string.Equals(root, digest.MerkleRoot, StringComparison.OrdinalIgnoreCase))
            return new DigestCheck(false, $"The Merkle root of the first {digest.Position} events is {root[..12]}…, not the digest's.", walk);
        return new DigestCheck(true, $"The log still holds the digest of position {digest.Position}: hash and Merkle root match, nothing before it was rewritten.", walk);
    }

    private async Task<byte[]> LinkAsync(long position, CancellationToken cancellationToken) =>
        (await chain.ReadChainAsync(position, 1, cancellationToken)) is [var link] && link.Position == position
            ? link.Hash
            : throw new InvalidOperationException($"The chain has no hash for position {position}. Run verify.");
}
