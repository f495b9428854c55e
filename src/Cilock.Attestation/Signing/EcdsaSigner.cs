using System.Security.Cryptography;

namespace Cilock.Attestation.Signing;

/// <summary>
/// ECDSA signer: SHA-256 over the PAE for every curve and an ASN.1 DER <c>SEQUENCE{r,s}</c> signature, as Go writes
/// (spec dsse-and-keys.md §5). The signer owns <paramref name="key"/>.
/// </summary>
/// <param name="key">A P-256, P-384 or P-521 private key.</param>
public sealed class EcdsaSigner(ECDsa key) : ISigner, IHasPublicKey, IDisposable
{
    private readonly ECDsa _key = key ?? throw new ArgumentNullException(nameof(key));

    /// <inheritdoc />
    public string KeyId { get; } = Signing.KeyId.Compute(key.ExportSubjectPublicKeyInfo());

    /// <summary>The canonical SubjectPublicKeyInfo DER of the key.</summary>
    public byte[] SubjectPublicKeyInfo => _key.ExportSubjectPublicKeyInfo();

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>The matching verifier.</summary>
    public EcdsaVerifier CreateVerifier() => EcdsaVerifier.FromSubjectPublicKeyInfo(_key.ExportSubjectPublicKeyInfo());

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
