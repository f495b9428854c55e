using System.Security.Cryptography;

namespace Cilock.Attestation.Signing;

/// <summary>ECDSA verifier: SHA-256 over the PAE for every curve, DER signatures only (what Go accepts).</summary>
public sealed class EcdsaVerifier : IVerifier, IHasPublicKey, IDisposable
{
    private readonly ECDsa _key;

    private EcdsaVerifier(ECDsa key, byte[] spki)
    {
        _key = key;
        SubjectPublicKeyInfo = spki;
        KeyId = Signing.KeyId.Compute(spki);
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <summary>The canonical SubjectPublicKeyInfo DER of the key.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The named curve OID (empty for explicit curve parameters).</summary>
    internal string CurveOid => _key.ExportParameters(false).Curve.Oid?.Value ?? "";

    /// <summary>Creates a verifier from SubjectPublicKeyInfo DER.</summary>
    /// <exception cref="CryptographicException">The bytes are not an EC public key.</exception>
    public static EcdsaVerifier FromSubjectPublicKeyInfo(ReadOnlySpan<byte> spki)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out _);
            return new EcdsaVerifier(key, key.ExportSubjectPublicKeyInfo());
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        try
        {
            return _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
