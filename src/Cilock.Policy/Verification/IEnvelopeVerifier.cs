using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Dsse;

namespace Cilock.Policy.Verification;

/// <summary>A signer whose signature verified: its keyid and, for certificate signers, the leaf and trusted time.</summary>
/// <param name="KeyId">keyid of the key (for certificates: of the leaf's public key).</param>
/// <param name="Certificate">The verified leaf certificate, or null for key signers.</param>
/// <param name="Intermediates">The signature's intermediates (used for functionary root checks).</param>
/// <param name="TrustedTime">TSA genTime (or now under the Witness fallback) at which the chain verified.</param>
/// <param name="TimeFromTimestamp">Whether <paramref name="TrustedTime"/> came from a verified RFC 3161 token.</param>
internal sealed record VerifiedSigner(
    string KeyId,
    X509Certificate2? Certificate,
    IReadOnlyList<X509Certificate2> Intermediates,
    DateTimeOffset? TrustedTime,
    bool TimeFromTimestamp);

/// <summary>The verified signers of an envelope, or why none verified.</summary>
internal sealed record EnvelopeVerification(IReadOnlyList<VerifiedSigner> Signers, string? Failure)
{
    public bool IsValid => Signers.Count > 0;
}

/// <summary>Verifies DSSE envelopes against the trust material of a policy (keys, roots, TSAs).</summary>
internal interface IEnvelopeVerifier
{
    EnvelopeVerification Verify(DsseEnvelope envelope);

    /// <summary>Verifies a piece of evidence; evidence with a Sigstore proof may also verify at the proof's times.</summary>
    EnvelopeVerification Verify(Evidence.EvidenceEnvelope evidence) => Verify(evidence.Envelope);
}
