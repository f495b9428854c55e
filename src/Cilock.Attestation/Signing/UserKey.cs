namespace Cilock.Attestation.Signing;

/// <summary>The per-user default signing key returned by <see cref="UserKeyStore"/>.</summary>
/// <param name="Signer">The loaded signer.</param>
/// <param name="PrivateKeyPath">Full path of the private key file (mode 0600).</param>
/// <param name="PublicKeyPath">Full path of the public key file, to hand to verifiers and policies.</param>
public sealed record UserKey(ISigner Signer, string PrivateKeyPath, string PublicKeyPath)
{
    /// <summary>The keyid of the key.</summary>
    public string KeyId => Signer.KeyId;
}
