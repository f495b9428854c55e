namespace Cilock.Sigstore.Bundles;

/// <summary>An RFC 6962 inclusion proof with the checkpoint that commits to its root (<c>InclusionProof</c>).</summary>
public sealed class BundleInclusionProof
{
    /// <summary>The leaf index within the tree (the shard-local index for sharded logs).</summary>
    public long LogIndex { get; init; }

    /// <summary>The tree root the proof leads to.</summary>
    public byte[] RootHash { get; init; } = [];

    /// <summary>The tree size the proof is for.</summary>
    public long TreeSize { get; init; }

    /// <summary>The audit path, leaf to root.</summary>
    public IReadOnlyList<byte[]> Hashes { get; init; } = [];

    /// <summary>The log's signed checkpoint (a signed note).</summary>
    public BundleCheckpoint? Checkpoint { get; init; }
}
