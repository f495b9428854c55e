using System.Globalization;
using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Sigstore.Verification;

/// <summary>The artifact a bundle is verified against: its bytes, or only its SHA-256 digest.</summary>
public sealed class SigstoreArtifact
{
    private SigstoreArtifact(byte[]? bytes, byte[] sha256)
    {
        Bytes = bytes;
        Sha256 = sha256;
    }

    /// <summary>The artifact bytes, when known (message signatures over non-ECDSA keys need them).</summary>
    public byte[]? Bytes { get; }

    /// <summary>The artifact's SHA-256 digest.</summary>
    public byte[] Sha256 { get; }

    /// <summary>An artifact given by its bytes.</summary>
    public static SigstoreArtifact FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new SigstoreArtifact(bytes, SHA256.HashData(bytes));
    }

    /// <summary>An artifact given only by its SHA-256 digest.</summary>
    public static SigstoreArtifact FromSha256(byte[] sha256)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        return sha256.Length == 32 ? new SigstoreArtifact(null, sha256) : throw new ArgumentException("a SHA-256 digest has 32 bytes", nameof(sha256));
    }

    /// <summary>Parses the conformance-protocol artifact argument: <c>sha256:HEX</c>, else a file path.</summary>
    /// <exception cref="CilockException">CIL6005 for a malformed digest, CIL6000 for an unreadable file.</exception>
    public static SigstoreArtifact Parse(string fileOrDigest)
    {
        ArgumentNullException.ThrowIfNull(fileOrDigest);
        if (fileOrDigest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            var hex = fileOrDigest["sha256:".Length..];
            if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
            {
                throw new CilockException(SigstoreDiagnostics.ArtifactInvalid, "the artifact digest must be sha256: followed by 64 hex digits");
            }

            return FromSha256(Convert.FromHexString(hex));
        }

        try
        {
            return FromBytes(File.ReadAllBytes(fileOrDigest));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CilockException(SigstoreDiagnostics.FileUnreadable, string.Create(CultureInfo.InvariantCulture, $"cannot read artifact '{fileOrDigest}': {e.Message}"));
        }
    }
}
