using System.Security.Cryptography;
using System.Text;

namespace Cilock.Attestation.Signing;

/// <summary>Key identifiers as both Go products compute them (spec dsse-and-keys.md §4).</summary>
public static class KeyId
{
    private static readonly byte[] Ed25519SpkiPrefix = Convert.FromHexString("302a300506032b6570032100");

    /// <summary>
    /// Returns lowercase hex SHA-256 of the canonical PEM text of <paramref name="spkiDer"/> (64-character lines,
    /// LF endings, trailing LF), i.e. <c>sha256sum pub.pem</c> of an OpenSSL-written public key file.
    /// </summary>
    public static string Compute(byte[] spkiDer)
    {
        ArgumentNullException.ThrowIfNull(spkiDer);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(ToCanonicalPem(spkiDer))));
    }

    /// <summary>The canonical <c>PUBLIC KEY</c> PEM text whose hash is the keyid (always LF, with the final LF).</summary>
    public static string ToCanonicalPem(ReadOnlySpan<byte> spkiDer) =>
        // PemEncoding writes LF-separated 64-character lines but no final LF; Go's pem.Encode ends with one.
        PemEncoding.WriteString("PUBLIC KEY", spkiDer) + "\n";

    /// <summary>Builds the 44-byte SubjectPublicKeyInfo of a raw 32-byte Ed25519 public key (not in the BCL).</summary>
    internal static byte[] Ed25519Spki(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32)
        {
            throw new ArgumentException("an Ed25519 public key has 32 bytes", nameof(publicKey));
        }

        return [.. Ed25519SpkiPrefix, .. publicKey];
    }
}
