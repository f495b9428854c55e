namespace Cilock.Attestation.InToto;

/// <summary>The outcome of checking a v0.3 tree's inline leaves against its root.</summary>
/// <param name="IsValid">Whether the tree verified.</param>
/// <param name="Construction">The construction the leaves were recognized as (when detectable).</param>
/// <param name="Reason">Why verification failed, or <c>null</c>.</param>
/// <param name="IsLeafLess">True when the attestation has no <c>leaves</c> member: it passes, but its file list is unknown.</param>
public sealed record MerkleVerification(bool IsValid, MerkleConstruction? Construction, string? Reason, bool IsLeafLess = false);
