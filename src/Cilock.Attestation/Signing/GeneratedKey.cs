namespace Cilock.Attestation.Signing;

/// <summary>A freshly generated key pair as PEM text.</summary>
/// <param name="Algorithm">The key type.</param>
/// <param name="PrivateKeyPem">Unencrypted PKCS#8 <c>PRIVATE KEY</c> PEM with a trailing LF. A secret: never log it.</param>
/// <param name="PublicKeyPem">Canonical <c>PUBLIC KEY</c> (SPKI) PEM with a trailing LF.</param>
/// <param name="KeyId">The keyid (sha256 of <paramref name="PublicKeyPem"/>).</param>
public sealed record GeneratedKey(KeyAlgorithm Algorithm, string PrivateKeyPem, string PublicKeyPem, string KeyId)
{
    /// <summary>Keeps the private key out of logs and debugger displays that call <c>ToString()</c>.</summary>
    public override string ToString() => $"GeneratedKey {{ Algorithm = {Algorithm}, KeyId = {KeyId} }}";
}
