using System.Numerics;
using System.Security.Cryptography;

namespace Cilock.Attestation.Signing;

/// <summary>
/// RSA verifier: RSASSA-PSS (SHA-256, MGF1-SHA-256) with the salt length recovered from the signature, as Go does
/// (spec dsse-and-keys.md §5.1), so both .NET (salt 32) and Go (maximum salt) signatures verify; then, unless
/// disabled, PKCS#1 v1.5 with SHA-256 (KMS-style signatures, which Witness always accepts).
/// </summary>
public sealed class RsaVerifier : IVerifier, IHasPublicKey, IDisposable
{
    private const int HashLength = 32;
    private readonly RSA _key;
    private readonly BigInteger _modulus;
    private readonly BigInteger _exponent;
    private readonly int _modulusBytes;
    private readonly long _modulusBits;

    private RsaVerifier(RSA key, byte[] spki, bool acceptPkcs1v15)
    {
        _key = key;
        var p = key.ExportParameters(includePrivateParameters: false);
        _modulus = new BigInteger(p.Modulus, isUnsigned: true, isBigEndian: true);
        _exponent = new BigInteger(p.Exponent, isUnsigned: true, isBigEndian: true);
        _modulusBits = _modulus.GetBitLength();
        _modulusBytes = (int)((_modulusBits + 7) / 8);
        SubjectPublicKeyInfo = spki;
        KeyId = Signing.KeyId.Compute(spki);
        AcceptsPkcs1v15 = acceptPkcs1v15;
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <summary>The canonical SubjectPublicKeyInfo DER of the key.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>Whether PKCS#1 v1.5 signatures are accepted after PSS fails.</summary>
    public bool AcceptsPkcs1v15 { get; }

    /// <summary>Creates a verifier from SubjectPublicKeyInfo DER.</summary>
    /// <param name="spki">The public key.</param>
    /// <param name="acceptPkcs1v15">Accept PKCS#1 v1.5 signatures too (default; <c>false</c> is cilock's non-KMS behaviour).</param>
    /// <exception cref="CryptographicException">The bytes are not an RSA public key.</exception>
    public static RsaVerifier FromSubjectPublicKeyInfo(ReadOnlySpan<byte> spki, bool acceptPkcs1v15 = true)
    {
        var key = RSA.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(spki, out _);
            return new RsaVerifier(key, key.ExportSubjectPublicKeyInfo(), acceptPkcs1v15);
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
        Span<byte> digest = stackalloc byte[HashLength];
        SHA256.HashData(data, digest);
        if (VerifyPss(digest, signature))
        {
            return true;
        }

        try
        {
            return AcceptsPkcs1v15 && _key.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    /// <summary>EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with automatic salt length over the raw RSA public operation.</summary>
    internal bool VerifyPss(ReadOnlySpan<byte> mHash, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != _modulusBytes)
        {
            return false;
        }

        var s = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        if (s >= _modulus)
        {
            return false;
        }

        var m = BigInteger.ModPow(s, _exponent, _modulus);
        var emBits = _modulusBits - 1;
        var emLen = (int)((emBits + 7) / 8);
        if (m.GetByteCount(isUnsigned: true) > emLen || emLen < HashLength + 2)
        {
            return false;
        }

        var em = new byte[emLen];
        m.TryWriteBytes(em.AsSpan(emLen - m.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        if (em[^1] != 0xBC)
        {
            return false;
        }

        var dbLen = emLen - HashLength - 1;
        var db = em.AsSpan(0, dbLen);
        var h = em.AsSpan(dbLen, HashLength);
        var topBits = (int)(8 * emLen - emBits);
        var topMask = (byte)(0xFF << (8 - topBits));
        if ((db[0] & topMask) != 0)
        {
            return false;
        }

        var mask = Mgf1Sha256(h, dbLen);
        for (var i = 0; i < dbLen; i++)
        {
            db[i] ^= mask[i];
        }

        db[0] &= (byte)~topMask;
        var one = db.IndexOfAnyExcept((byte)0);
        if (one < 0 || db[one] != 0x01)
        {
            return false;
        }

        var salt = db[(one + 1)..];
        var mPrime = new byte[8 + HashLength + salt.Length];
        mHash.CopyTo(mPrime.AsSpan(8));
        salt.CopyTo(mPrime.AsSpan(8 + HashLength));
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(mPrime), h);
    }

    private static byte[] Mgf1Sha256(ReadOnlySpan<byte> seed, int length)
    {
        var output = new byte[(length + HashLength - 1) / HashLength * HashLength];
        var input = new byte[seed.Length + 4];
        seed.CopyTo(input);
        for (var counter = 0; counter * HashLength < length; counter++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(seed.Length), counter);
            SHA256.HashData(input, output.AsSpan(counter * HashLength));
        }

        return output[..length];
    }
}
