using Cilock.Attestation.Signing;

namespace Cilock.Operations.Keys;

/// <summary>The key pair written by <see cref="KeygenOperation"/>.</summary>
/// <param name="PrivateKeyPath">Full path of the private key (PKCS#8 PEM, mode 0600).</param>
/// <param name="PublicKeyPath">Full path of the public key (SPKI PEM).</param>
/// <param name="KeyId">The keyid (SHA-256 of the canonical public key PEM).</param>
/// <param name="Algorithm">The key type.</param>
public sealed record KeygenResult(string PrivateKeyPath, string PublicKeyPath, string KeyId, KeyAlgorithm Algorithm);
