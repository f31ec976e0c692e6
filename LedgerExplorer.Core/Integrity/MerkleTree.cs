using LedgerExplorer.Core.EventStore;
using System.Numerics;
using System.Security.Cryptography;

namespace LedgerExplorer.Core.Integrity;

/// <summary>
/// The Merkle tree of RFC 6962 §2.1 (RFC 9162 §2.1) over the log's event hashes, and the checks of its proofs.
/// Pure functions over hashes and nothing else — no store, no I/O — so anyone holding a digest can copy this one
/// file and check a proof the ledger hands out. Leaf <c>i</c> is the event at position <c>i + 1</c>; its leaf data
/// is the event's 32-byte chain hash.
/// <code>
/// MTH({})       = SHA-256()
/// leaf(d)       = SHA-256(0x00 ‖ d)
/// node(l, r)    = SHA-256(0x01 ‖ l ‖ r)
/// MTH(D[n])     = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two below n
/// </code>
/// </summary>
public static class MerkleTree
{
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> leafData)
    {
        Span<byte> buffer = leafData.Length < 256 ? stackalloc byte[1 + leafData.Length] : new byte[1 + leafData.Length];
        buffer[0] = 0x00;
        leafData.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * EventHash.Size)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + EventHash.Size)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): where RFC 6962 splits a tree.</summary>
    public static long Split(long n) => n < 2 ? throw new ArgumentOutOfRangeException(nameof(n)) : 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>MTH over leaf hashes already computed (leaf(d) of each).</summary>
    public static byte[] RootOfLeafHashes(ReadOnlySpan<byte[]> leafHashes)
    {
        if (leafHashes.Length == 0) return EmptyRoot();
        if (leafHashes.Length == 1) return leafHashes[0];
        var k = (int)Split(leafHashes.Length);
        return NodeHash(RootOfLeafHashes(leafHashes[..k]), RootOfLeafHashes(leafHashes[k..]));
    }

    /// <summary>
    /// Checks an inclusion proof (RFC 9162 §2.1.3.2): the event whose chain hash is <paramref name="eventHash"/> is
    /// leaf <paramref name="leafIndex"/> of the tree of <paramref name="treeSize"/> leaves whose root is <paramref name="root"/>.
    /// </summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> eventHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (leafIndex < 0 || leafIndex >= treeSize) return false;
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = LeafHash(eventHash);
        foreach (var p in path)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>
    /// Checks a consistency proof (RFC 9162 §2.1.4.2): the tree of <paramref name="secondSize"/> leaves with root
    /// <paramref name="secondRoot"/> extends the tree of <paramref name="firstSize"/> leaves with root
    /// <paramref name="firstRoot"/> — the log grew by appending, nothing before <paramref name="firstSize"/> was rewritten.
    /// </summary>
    public static bool VerifyConsistency(long firstSize, long secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (firstSize < 0 || secondSize < firstSize) return false;
        if (firstSize == secondSize) return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        if (firstSize == 0) return proof.Count == 0; // the empty tree is a prefix of every tree
        if (proof.Count == 0) return false;

        var path = new List<byte[]>(proof);
        if ((firstSize & (firstSize - 1)) == 0) path.Insert(0, firstRoot.ToArray()); // a complete subtree: its root is the first node
        var fn = firstSize - 1;
        var sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
