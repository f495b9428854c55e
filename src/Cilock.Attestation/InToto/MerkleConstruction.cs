namespace Cilock.Attestation.InToto;

/// <summary>How v0.3 material/product leaves are built (spec attestors.md §2.3); both share one predicate URI.</summary>
public enum MerkleConstruction
{
    /// <summary>leafHash = SHA-256(digest); sorted by digest then path; equal digests collapse (cilock ≥ v3.0.8, what we write).</summary>
    ContentOnly,

    /// <summary>leafHash = SHA-256(path ‖ 0x00 ‖ digest); sorted by path (older cilock, published fixtures).</summary>
    PathBound,
}
