using System.Security.Cryptography;

namespace Cilock.Attestation.Signing;

/// <summary>
/// RSA signer: RSASSA-PSS with SHA-256 and MGF1-SHA-256. .NET fixes the salt at 32 bytes; Go verifiers auto-detect
/// the salt length, so these signatures verify in Witness and cilock. The signer owns <paramref name="key"/>.
/// </summary>
/// <param name="key">An RSA private key.</param>
public sealed class RsaPssSigner(RSA key) : ISigner, IHasPublicKey, IDisposable
{
    private readonly RSA _key = key ?? throw new ArgumentNullException(nameof(key));

    /// <inheritdoc />
    public string KeyId { get; } = Signing.KeyId.Compute(key.ExportSubjectPublicKeyInfo());

    /// <summary>The canonical SubjectPublicKeyInfo DER of the key.</summary>
    public byte[] SubjectPublicKeyInfo => _key.ExportSubjectPublicKeyInfo();

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    /// <summary>The matching verifier.</summary>
    public RsaVerifier CreateVerifier() => RsaVerifier.FromSubjectPublicKeyInfo(_key.ExportSubjectPublicKeyInfo());

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
