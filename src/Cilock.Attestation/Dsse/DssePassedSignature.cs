using Cilock.Attestation.Signing;

namespace Cilock.Attestation.Dsse;

/// <summary>One successful (signature, verifier) pair.</summary>
/// <param name="SignatureIndex">The index of the signature in the envelope.</param>
/// <param name="KeyId">The keyid that verified: the verifier's, or the certificate leaf key's.</param>
/// <param name="Verifier">The caller's verifier, or the certificate leaf key's verifier.</param>
/// <param name="Certificate">Set when the signature verified through its certificate chain.</param>
public sealed record DssePassedSignature(int SignatureIndex, string KeyId, IVerifier Verifier, VerifiedCertificate? Certificate);
