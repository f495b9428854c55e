namespace Cilock.Attestation.InToto;

/// <summary>One inline leaf of a v0.3 tree.</summary>
/// <param name="Path">Relative forward-slash path.</param>
/// <param name="FileDigest">The file's sha256 (64 lowercase hex).</param>
/// <param name="LeafHash">The recorded leaf hash (hex); ignored on verification, which rebuilds it.</param>
/// <param name="Kind">Product kind (e.g. <c>cyclonedx</c>), or <c>null</c>.</param>
public sealed record MerkleLeaf(string Path, string FileDigest, string LeafHash, string? Kind = null);
