using System.Security.Cryptography.X509Certificates;

namespace Cilock.Attestation.Dsse;

/// <summary>
/// A certificate signature that verified: the policy engine applies functionary certificate constraints to
/// <see cref="Leaf"/> and re-verifies it against a specific root at <see cref="TrustedTime"/>.
/// </summary>
/// <param name="SignatureIndex">The index of the signature in the envelope.</param>
/// <param name="KeyId">The keyid of the leaf's public key.</param>
/// <param name="Leaf">The signing certificate.</param>
/// <param name="Intermediates">The signature's own intermediates (plus none of the caller's).</param>
/// <param name="Chain">The verified path, leaf first, ending at the anchor.</param>
/// <param name="TrustedTime">The instant the chain was valid at: a verified TSA genTime, or now under the Witness fallback.</param>
/// <param name="TimeFromTimestamp"><c>true</c> when <paramref name="TrustedTime"/> is a verified RFC 3161 genTime.</param>
public sealed record VerifiedCertificate(
    int SignatureIndex,
    string KeyId,
    X509Certificate2 Leaf,
    IReadOnlyList<X509Certificate2> Intermediates,
    IReadOnlyList<X509Certificate2> Chain,
    DateTimeOffset TrustedTime,
    bool TimeFromTimestamp);
