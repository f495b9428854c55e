namespace Cilock.Sigstore.Rekor;

/// <summary>A Merkle inclusion proof of a Rekor entry, with the log's signed checkpoint.</summary>
/// <param name="LogIndex">The entry's index in the tree the proof is for.</param>
/// <param name="RootHash">The tree's root hash.</param>
/// <param name="TreeSize">The tree size.</param>
/// <param name="Hashes">The audit path, leaf side first.</param>
/// <param name="Checkpoint">The signed note committing to the root (empty when the log sent none).</param>
public sealed record RekorInclusionProof(long LogIndex, byte[] RootHash, long TreeSize, IReadOnlyList<byte[]> Hashes, string Checkpoint);
