using System.Security.Cryptography.X509Certificates;

namespace Cilock.Attestation.Crypto;

/// <summary>The outcome of <see cref="CertificateChainVerifier.Verify"/>.</summary>
/// <param name="IsValid">Whether the leaf chains to a trusted anchor at the requested time with the requested usage.</param>
/// <param name="Chain">The verified path, leaf first, ending at the anchor (empty when invalid).</param>
/// <param name="Error">Why the chain was refused, when invalid.</param>
public sealed record ChainVerificationResult(bool IsValid, IReadOnlyList<X509Certificate2> Chain, string? Error);
