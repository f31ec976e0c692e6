using LedgerExplorer.Core.EventStore;
using System.Security.Cryptography;
using LedgerExplorer.Core.Integrity;

namespace LedgerExplorer.Tests.Integrity;

/// <summary>
/// The Merkle tree is RFC 6962's: roots equal Certificate Transparency's published test vectors, the stored-chain
/// tree (blocks, remembered subtrees) equals a plain recursive reference at every size across block boundaries,
/// and every proof it hands out verifies — while a proof with one bit changed, for another leaf or against another
/// root does not.
/// </summary>
[Trait("Proof", "Integrity")]
public sealed class MerkleTreeTests
{
    // Certificate Transparency's reference leaves and the roots of their first n (merkle_tree_test.cc, RFC 6962 trees).
    private static readonly string[] VectorLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] VectorRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Roots_equal_the_certificate_transparency_test_vectors()
    {
        var leaves = VectorLeaves.Select(h => MerkleTree.LeafHash(Convert.FromHexString(h))).ToArray();
        for (var n = 1; n <= leaves.Length; n++)
        {
            Assert.Equal(VectorRoots[n - 1], Convert.ToHexStringLower(MerkleTree.RootOfLeafHashes(leaves.AsSpan(0, n))));
        }

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleTree.EmptyRoot()));
    }

    [Fact]
    public async Task The_stored_chain_tree_equals_the_reference_at_every_size_across_block_boundaries()
    {
        var chain = new ListChain(1_100);
        var tree = new MerkleLog(chain);
        foreach (var n in Enumerable.Range(1, 40).Concat([63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 512, 513, 767, 768, 769, 1_023, 1_024, 1_025, 1_100]))
        {
            Assert.Equal(Reference(chain.Leaves(n)), await tree.RootAsync(n));
        }
    }

    [Fact]
    public async Task Every_inclusion_proof_verifies_and_a_changed_one_does_not()
    {
        var chain = new ListChain(600);
        var tree = new MerkleLog(chain);
        foreach (var n in new long[] { 1, 2, 3, 7, 8, 9, 64, 65, 257, 600 })
        {
            var root = await tree.RootAsync(n);
            for (long m = 0; m < n; m += n > 40 ? 37 : 1)
            {
                var inclusion = await tree.InclusionAsync(m, n);
                var path = inclusion.Path;
                var hash = chain.Hashes[(int)m];
                Assert.Equal(hash, inclusion.EventHash);
                Assert.Equal(m == 0 ? new byte[32] : chain.Hashes[(int)m - 1], inclusion.PreviousHash);
                Assert.Equal(root, inclusion.Root);
                Assert.True(MerkleTree.VerifyInclusion(m, n, hash, path, root), $"leaf {m} of {n}");
                Assert.False(MerkleTree.VerifyInclusion(m, n, Flip(hash), path, root), $"a changed event verified: leaf {m} of {n}");
                Assert.False(MerkleTree.VerifyInclusion(m, n, hash, path, Flip(root)), $"another root verified: leaf {m} of {n}");
                if (n > 1) Assert.False(MerkleTree.VerifyInclusion((m + 1) % n, n, hash, path, root), $"another leaf verified: leaf {m} of {n}");
                if (path.Count > 0) Assert.False(MerkleTree.VerifyInclusion(m, n, hash, [.. path.Take(path.Count - 1), Flip(path[^1])], root));
            }
        }
    }

    [Fact]
    public async Task Every_consistency_proof_verifies_and_one_against_a_rewritten_log_does_not()
    {
        var chain = new ListChain(300);
        var tree = new MerkleLog(chain);
        foreach (var (m, n) in new (long, long)[] { (1, 2), (1, 8), (3, 7), (4, 8), (6, 8), (7, 8), (5, 257), (256, 257), (100, 300), (257, 300) })
        {
            var consistency = await tree.ConsistencyAsync(m, n);
            var proof = consistency.Proof;
            var first = await tree.RootAsync(m);
            var second = await tree.RootAsync(n);
            Assert.Equal(first, consistency.FirstRoot);
            Assert.Equal(second, consistency.SecondRoot);
            Assert.True(MerkleTree.VerifyConsistency(m, n, first, second, proof), $"{m} → {n}");

            // The same sizes over a log whose event m - 1 (inside the first tree) was rewritten.
            var rewritten = new ListChain(300, change: (int)m - 1);
            var rewrittenRoot = await new MerkleLog(rewritten).RootAsync(n);
            Assert.False(MerkleTree.VerifyConsistency(m, n, first, rewrittenRoot, proof), $"rewritten {m} → {n}");
            Assert.False(MerkleTree.VerifyConsistency(m, n, first, second, [.. proof.Skip(1)]), $"a shortened proof {m} → {n}");
        }
    }

    private static byte[] Reference(IReadOnlyList<byte[]> leafData)
    {
        if (leafData.Count == 1) return MerkleTree.LeafHash(leafData[0]);
        var k = 1;
        while (k * 2 < leafData.Count) k *= 2;
        return MerkleTree.NodeHash(Reference(leafData.Take(k).ToList()), Reference(leafData.Skip(k).ToList()));
    }

    private static byte[] Flip(byte[] hash)
    {
        var copy = (byte[])hash.Clone();
        copy[0] ^= 1;
        return copy;
    }

    /// <summary>A chain held in memory: event i's hash is SHA-256 of its number (or of something else, if it was "changed").</summary>
    private sealed class ListChain(int count, int change = -1) : IEventChain
    {
        public byte[][] Hashes { get; } = Enumerable.Range(0, count).Select(i => SHA256.HashData(BitConverter.GetBytes(i == change ? -i - 1 : i))).ToArray();

        public IReadOnlyList<byte[]> Leaves(int n) => Hashes.Take(n).ToList();

        public Task<IReadOnlyList<ChainLink>> ReadChainAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ChainLink>>(Hashes.Skip((int)fromPosition - 1).Take(maxCount).Select((h, i) => new ChainLink(fromPosition + i, h)).ToList());

        public Task<IReadOnlyList<ChainedEvent>> ReadChainedAsync(long fromPosition, int maxCount, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The tree reads hashes only.");
    }
}
