using LedgerExplorer.Core.EventStore;
namespace LedgerExplorer.Core.Integrity;

/// <summary>
/// What anyone can keep of the log at one moment — small enough to write on paper: the log's size, the chain hash of
/// its last event, and the Merkle root of its event hashes. A later log that still holds this hash at this position,
/// and this root for its first <see cref="Position"/> events, has rewritten nothing of it.
/// </summary>
public sealed record IntegrityDigest(long Position, string Hash, string MerkleRoot, DateTimeOffset At);

/// <summary>
/// The event at <see cref="Position"/> is leaf <see cref="LeafIndex"/> of the tree of <see cref="TreeSize"/> events.
/// <see cref="PreviousHash"/> lets whoever holds the row recompute <see cref="EventHash"/> from it.
/// </summary>
public sealed record InclusionProof(long Position, long TreeSize, long LeafIndex, string PreviousHash, string EventHash, IReadOnlyList<string> AuditPath, string Root);

/// <summary>The tree of <see cref="To"/> events extends the tree of <see cref="From"/>: nothing in the first <see cref="From"/> was rewritten.</summary>
public sealed record ConsistencyProof(long From, long To, string FromRoot, string ToRoot, IReadOnlyList<string> Proof);

/// <summary>Whether the log as it stands still vouches for a digest someone kept.</summary>
public sealed record DigestCheck(bool Holds, string Message, ChainVerification Walk);
