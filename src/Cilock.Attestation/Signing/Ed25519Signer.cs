using Org.BouncyCastle.Crypto.Parameters;

namespace Cilock.Attestation.Signing;

/// <summary>Ed25519 signer: pure Ed25519 over the PAE (no pre-hash), via BouncyCastle (not in the BCL).</summary>
public sealed class Ed25519Signer : ISigner, IHasPublicKey
{
    private readonly Ed25519PrivateKeyParameters _key;

    /// <summary>Creates a signer from the 32-byte private seed.</summary>
    public Ed25519Signer(ReadOnlySpan<byte> privateSeed)
    {
        if (privateSeed.Length != Ed25519PrivateKeyParameters.KeySize)
        {
            throw new ArgumentException("an Ed25519 private key has 32 bytes", nameof(privateSeed));
        }

        _key = new Ed25519PrivateKeyParameters(privateSeed);
        PublicKey = _key.GeneratePublicKey().GetEncoded();
        KeyId = Signing.KeyId.Compute(Signing.KeyId.Ed25519Spki(PublicKey));
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <summary>The raw 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The 44-byte SubjectPublicKeyInfo DER of the key.</summary>
    public byte[] SubjectPublicKeyInfo => Signing.KeyId.Ed25519Spki(PublicKey);

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signature = new byte[Ed25519PrivateKeyParameters.SignatureSize];
        _key.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, data.ToArray(), 0, data.Length, signature, 0);
        return signature;
    }

    /// <summary>The matching verifier.</summary>
    public Ed25519Verifier CreateVerifier() => new(PublicKey);
}
