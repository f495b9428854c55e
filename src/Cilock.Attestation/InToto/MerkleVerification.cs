using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.InToto;

/// <summary>The outcome of checking a v0.3 tree's inline leaves against its root.</summary>
/// <param name="IsValid">Whether the tree verified.</param>
/// <param name="Construction">The construction the leaves were recognized as (when detectable).</param>
/// <param name="Reason">Why verification failed, or <c>null</c>.</param>
/// <param name="IsLeafLess">True when the attestation has no <c>leaves</c> member: it passes, but its file list is unknown.</param>
public sealed record MerkleVerification(bool IsValid, MerkleConstruction? Construction, string? Reason, bool IsLeafLess = false)
{
    /// <summary>Throws CIL1035 naming <paramref name="what"/> (e.g. the attestation type) when the tree did not verify.</summary>
    /// <exception cref="CilockException">CIL1035 when <see cref="IsValid"/> is false.</exception>
    public void EnsureValid(string what)
    {
        if (!IsValid)
        {
            throw new CilockException(EvidenceDiagnostics.MerkleMismatch, $"{what}: Merkle tree does not verify: {Reason}");
        }
    }
}
