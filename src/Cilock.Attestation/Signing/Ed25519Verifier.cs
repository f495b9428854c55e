using Org.BouncyCastle.Crypto.Parameters;

namespace Cilock.Attestation.Signing;

/// <summary>Ed25519 verifier: pure Ed25519 over the PAE, via BouncyCastle.</summary>
public sealed class Ed25519Verifier : IVerifier, IHasPublicKey
{
    private readonly Ed25519PublicKeyParameters _key;

    /// <summary>Creates a verifier from the raw 32-byte public key.</summary>
    public Ed25519Verifier(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Ed25519PublicKeyParameters.KeySize)
        {
            throw new ArgumentException("an Ed25519 public key has 32 bytes", nameof(publicKey));
        }

        _key = new Ed25519PublicKeyParameters(publicKey);
        SubjectPublicKeyInfo = Signing.KeyId.Ed25519Spki(publicKey);
        KeyId = Signing.KeyId.Compute(SubjectPublicKeyInfo);
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <summary>The 44-byte SubjectPublicKeyInfo DER of the key.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <inheritdoc />
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Ed25519PrivateKeyParameters.SignatureSize)
        {
            return false;
        }

        var message = data.ToArray();
        return _key.Verify(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, signature.ToArray(), 0);
    }
}
