using System.Security.Cryptography;
using System.Text;

namespace Cilock.Reports.Sbom;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5). The SBOM serial number and SPDX namespace are derived from the document
/// content, so the same commit gives the same bytes; CycloneDX 1.6's schema only accepts versions 1–5 (no v8).
/// </summary>
internal static class DeterministicUuid
{
    // Our own namespace UUID for SBOM content names.
    private static readonly Guid Namespace = new("3c1f6a52-8f2e-4d7b-9a41-5b0e2c7d9e13");

    /// <summary>The version-5 UUID of <paramref name="name"/> in the Cilock SBOM namespace, lowercase, with hyphens.</summary>
    public static string Create(string name)
    {
        Span<byte> input = stackalloc byte[16];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        input.CopyTo(buffer);
        nameBytes.CopyTo(buffer, 16);
#pragma warning disable CA5350 // RFC 9562 defines version 5 with SHA-1; the UUID is an identifier, not a security control.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }

    /// <summary>The UUID of a document: its SHA-256 (computed without the identifier itself) is the name.</summary>
    public static string ForContent(ReadOnlySpan<byte> content) => Create(Convert.ToHexStringLower(SHA256.HashData(content)));
}
