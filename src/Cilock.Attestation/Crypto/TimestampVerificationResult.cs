using System.Security.Cryptography.X509Certificates;

namespace Cilock.Attestation.Crypto;

/// <summary>The outcome of <see cref="TimestampVerifier.Verify"/>.</summary>
/// <param name="IsValid">Whether the token is valid for the signature and chains to the authority.</param>
/// <param name="GenTime">The token's genTime (meaningful only when valid).</param>
/// <param name="SignerCertificate">The TSA signing certificate, when it was identified.</param>
/// <param name="Error">Why the token was refused, when invalid.</param>
public sealed record TimestampVerificationResult(bool IsValid, DateTimeOffset GenTime, X509Certificate2? SignerCertificate, string? Error);
