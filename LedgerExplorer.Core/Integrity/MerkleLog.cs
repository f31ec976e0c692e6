using LedgerExplorer.Core.EventStore;
using System.Collections.Concurrent;

namespace LedgerExplorer.Core.Integrity;

/// <summary>An inclusion proof's parts: the event's chain hash and the one before it, the audit path, the root.</summary>
public sealed record MerkleInclusion(byte[] EventHash, byte[] PreviousHash, IReadOnlyList<byte[]> Path, byte[] Root);

/// <summary>A consistency proof's parts: the proof and the two roots it joins.</summary>
public sealed record MerkleConsistency(IReadOnlyList<byte[]> Proof, byte[] FirstRoot, byte[] SecondRoot);

/// <summary>
/// The RFC 6962 tree over the stored chain, answering roots and proofs for any size up to the head. Leaves are read
/// a block of <see cref="Block"/> at a time; the root of every complete, aligned subtree of a block or more is kept
/// once computed (it covers immutable leaves, so it never changes) — about N / 32 hashes for a log of N events —
/// so a proof at a million events reads the block around its leaf, the log's last block and a score of remembered nodes. The memory belongs to
/// one log: it is dropped when the first event's hash is no longer the one it was computed for (the ledger was
/// started over).
/// </summary>
public sealed class MerkleLog(IEventChain chain)
{
    public const int Block = 64;

    private readonly ConcurrentDictionary<(long Start, long Size), byte[]> _subtrees = new();
    private byte[]? _firstLeaf;

    public async Task<byte[]> RootAsync(long size, CancellationToken cancellationToken = default)
    {
        var leaves = await BeginAsync(size, cancellationToken);
        return size == 0 ? MerkleTree.EmptyRoot() : await HashAsync(0, size, leaves, cancellationToken);
    }

    /// <summary>The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves (RFC 6962 §2.1.1), with what checking it needs.</summary>
    public async Task<MerkleInclusion> InclusionAsync(long index, long size, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var leaves = await BeginAsync(size, cancellationToken);
        var path = new List<byte[]>();
        await PathAsync(index, 0, size, path, leaves, cancellationToken);
        var root = await HashAsync(0, size, leaves, cancellationToken);
        var hash = await leaves.LinkAsync(index, cancellationToken);
        var previous = index == 0 ? EventHash.Genesis.ToArray() : await leaves.LinkAsync(index - 1, cancellationToken);
        return new MerkleInclusion(hash, previous, path, root);
    }

    /// <summary>The consistency proof from the tree of <paramref name="first"/> leaves to the tree of <paramref name="second"/> (RFC 6962 §2.1.2), with both roots.</summary>
    public async Task<MerkleConsistency> ConsistencyAsync(long first, long second, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, second);
        var leaves = await BeginAsync(second, cancellationToken);
        var proof = new List<byte[]>();
        if (first > 0 && first < second) await SubProofAsync(first, 0, second, complete: true, proof, leaves, cancellationToken);
        var firstRoot = first == 0 ? MerkleTree.EmptyRoot() : await HashAsync(0, first, leaves, cancellationToken);
        var secondRoot = second == 0 ? MerkleTree.EmptyRoot() : await HashAsync(0, second, leaves, cancellationToken);
        return new MerkleConsistency(proof, firstRoot, secondRoot);
    }

    /// <summary>PATH(m, D[start:end]), appending to <paramref name="path"/> leaf-side first.</summary>
    private async Task PathAsync(long m, long start, long end, List<byte[]> path, LeafBlocks leaves, CancellationToken cancellationToken)
    {
        var n = end - start;
        if (n == 1) return;
        var k = MerkleTree.Split(n);
        if (m < k)
        {
            await PathAsync(m, start, start + k, path, leaves, cancellationToken);
            path.Add(await HashAsync(start + k, end, leaves, cancellationToken));
        }
        else
        {
            await PathAsync(m - k, start + k, end, path, leaves, cancellationToken);
            path.Add(await HashAsync(start, start + k, leaves, cancellationToken));
        }
    }

    /// <summary>SUBPROOF(m, D[start:end], b).</summary>
    private async Task SubProofAsync(long m, long start, long end, bool complete, List<byte[]> proof, LeafBlocks leaves, CancellationToken cancellationToken)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete) proof.Add(await HashAsync(start, end, leaves, cancellationToken));
            return;
        }

        var k = MerkleTree.Split(n);
        if (m <= k)
        {
            await SubProofAsync(m, start, start + k, complete, proof, leaves, cancellationToken);
            proof.Add(await HashAsync(start + k, end, leaves, cancellationToken));
        }
        else
        {
            await SubProofAsync(m - k, start + k, end, false, proof, leaves, cancellationToken);
            proof.Add(await HashAsync(start, start + k, leaves, cancellationToken));
        }
    }

    /// <summary>MTH(D[start:end]). Every subtree this recursion meets starts at a multiple of a power of two no smaller than itself, so one of a block or less lies inside one block.</summary>
    private async Task<byte[]> HashAsync(long start, long end, LeafBlocks leaves, CancellationToken cancellationToken)
    {
        var n = end - start;
        if (n <= Block)
        {
            var block = await leaves.GetAsync(start / Block, cancellationToken);
            var offset = (int)(start % Block);
            return MerkleTree.RootOfLeafHashes(block.Leaves.AsSpan(offset, (int)n));
        }

        var complete = (n & (n - 1)) == 0;
        if (complete && _subtrees.TryGetValue((start, n), out var remembered)) return remembered;
        var k = MerkleTree.Split(n);
        var left = await HashAsync(start, start + k, leaves, cancellationToken);
        var right = await HashAsync(start + k, end, leaves, cancellationToken);
        var hash = MerkleTree.NodeHash(left, right);
        if (complete) _subtrees[(start, n)] = hash;
        return hash;
    }

    private async Task<LeafBlocks> BeginAsync(long size, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var leaves = new LeafBlocks(chain, size);
        if (size == 0) return leaves;
        var first = await chain.ReadChainAsync(1, 1, cancellationToken) is [var link] ? link.Hash : [];
        lock (_subtrees)
        {
            if (_firstLeaf is null || !_firstLeaf.AsSpan().SequenceEqual(first))
            {
                _subtrees.Clear();
                _firstLeaf = first;
            }
        }

        return leaves;
    }

    /// <summary>One block's stored chain hashes and their leaf hashes.</summary>
    private sealed record LeafBlock(byte[][] Links, byte[][] Leaves);

    /// <summary>The leaves of one request, a block at a time; a block is read once however many subtrees need it.</summary>
    private sealed class LeafBlocks(IEventChain chain, long size)
    {
        private readonly Dictionary<long, LeafBlock> _blocks = [];

        public async Task<byte[]> LinkAsync(long index, CancellationToken cancellationToken) =>
            (await GetAsync(index / Block, cancellationToken)).Links[index % Block];

        public async Task<LeafBlock> GetAsync(long block, CancellationToken cancellationToken)
        {
            if (_blocks.TryGetValue(block, out var known)) return known;
            var start = block * Block;
            var count = (int)Math.Min(Block, size - start);
            var links = await chain.ReadChainAsync(start + 1, count, cancellationToken);
            var hashes = new byte[count][];
            var leaves = new byte[count][];
            for (var i = 0; i < count; i++)
            {
                if (i >= links.Count || links[i].Position != start + 1 + i)
                    throw new InvalidOperationException($"The chain has no hash for position {start + 1 + i}: the tree of {size} events cannot be formed. Run verify.");
                hashes[i] = links[i].Hash;
                leaves[i] = MerkleTree.LeafHash(links[i].Hash);
            }

            return _blocks[block] = new LeafBlock(hashes, leaves);
        }
    }
}
