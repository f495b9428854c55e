using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;

namespace Cilock.Sigstore.Verification;

/// <summary>
/// A Sigstore verification key: ECDSA hashes with the curve's own hash (P-256/SHA-256, P-384/SHA-384,
/// P-521/SHA-512, as Sigstore's key details do), Ed25519 is pure, RSA goes through cilock's RSA verifier.
/// </summary>
internal sealed class SigstorePublicKey : IDisposable
{
    private const string EcOid = "1.2.840.10045.2.1";
    private readonly ECDsa? _ecdsa;
    private readonly IVerifier? _other;

    private SigstorePublicKey(byte[] spki, ECDsa? ecdsa, IVerifier? other, HashAlgorithmName hash)
    {
        SubjectPublicKeyInfo = spki;
        _ecdsa = ecdsa;
        _other = other;
        Hash = hash;
    }

    /// <summary>The SubjectPublicKeyInfo DER this key was made from.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>The message hash the key signs with.</summary>
    public HashAlgorithmName Hash { get; }

    /// <summary>Whether the key can verify a signature given only the message digest.</summary>
    public bool SupportsPrehashed => _ecdsa is not null;

    /// <summary>Creates a key from SubjectPublicKeyInfo DER.</summary>
    /// <exception cref="CilockException">CIL1004/CIL1007 for malformed or unsupported keys.</exception>
    public static SigstorePublicKey FromSpki(byte[] spki)
    {
        ArgumentNullException.ThrowIfNull(spki);
        string algorithm;
        try
        {
            var reader = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
            algorithm = reader.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException e)
        {
            throw new CilockException(Attestation.Crypto.CryptoDiagnostics.KeyMalformed, $"malformed public key: {e.Message}");
        }

        if (algorithm != EcOid)
        {
            return new SigstorePublicKey(spki, null, KeyLoader.FromSubjectPublicKeyInfo(spki), HashAlgorithmName.SHA256);
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(spki, out _);
            var hash = ecdsa.KeySize switch
            {
                256 => HashAlgorithmName.SHA256,
                384 => HashAlgorithmName.SHA384,
                521 => HashAlgorithmName.SHA512,
                _ => throw new CilockException(Attestation.Crypto.CryptoDiagnostics.KeyUnsupported, $"unsupported EC key size {ecdsa.KeySize}"),
            };
            return new SigstorePublicKey(spki, ecdsa, null, hash);
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new CilockException(Attestation.Crypto.CryptoDiagnostics.KeyMalformed, $"malformed public key: {e.Message}");
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    /// <summary>The key of a certificate.</summary>
    public static SigstorePublicKey FromCertificate(X509Certificate2 certificate) => FromSpki(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/>; malformed signatures are simply invalid.</summary>
    public bool VerifyData(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (_ecdsa is null)
        {
            return _other!.Verify(data, signature);
        }

        try
        {
            return _ecdsa.VerifyData(data, signature, Hash, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Verifies an ECDSA signature over a message known only by its digest (which must use <see cref="Hash"/>).</summary>
    public bool VerifyDigest(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (_ecdsa is null)
        {
            return false;
        }

        try
        {
            return _ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _ecdsa?.Dispose();
        (_other as IDisposable)?.Dispose();
    }
}
