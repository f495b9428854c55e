namespace Cilock.Policy.Verification;

/// <summary>Which v0.3 Merkle leaf constructions are accepted (spec attestors.md §2.3).</summary>
public enum V03LeafMode
{
    /// <summary>Detect content-only or path-bound from the leaf hashes and accept both (default).</summary>
    Auto,

    /// <summary>Only the content-only construction (cilock HEAD behaviour).</summary>
    ContentOnly,
}
