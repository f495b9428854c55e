using System.Text;

namespace Cilock.Attestation.Attestors.Product;

/// <summary>
/// Content sniffing for product <c>mime_type</c> (spec attestors.md §3.1): the special values consumers key on
/// (SPDX, CycloneDX, OpenVEX, <c>text/sha256+text</c>) are detected from the first 500 bytes, then common binary
/// signatures, then JSON/XML/text.
/// </summary>
internal static class MimeSniffer
{
    /// <summary>The value recorded when the file could not be read.</summary>
    public const string Unknown = "unknown";

    /// <summary>The value recorded for a dirHash folder entry.</summary>
    public const string Directory = "text/directory";

    /// <summary>Sniffs the file at <paramref name="path"/>.</summary>
    public static string Sniff(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[512];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return Sniff(buffer.AsSpan(0, read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unknown;
        }
    }

    /// <summary>Sniffs the first bytes of a file.</summary>
    public static string Sniff(ReadOnlySpan<byte> head)
    {
        var first500 = head[..Math.Min(head.Length, 500)];
        var text = Encoding.UTF8.GetString(first500);
        if (text.Contains("\"spdxVersion\":\"SPDX-", StringComparison.Ordinal) || text.Contains("\"spdxVersion\": \"SPDX-", StringComparison.Ordinal))
        {
            return "application/spdx+json";
        }

        if (text.Contains("\"bomFormat\":\"CycloneDX\"", StringComparison.Ordinal) || text.Contains("\"bomFormat\": \"CycloneDX\"", StringComparison.Ordinal))
        {
            return "application/vnd.cyclonedx+json";
        }

        if (text.Contains("<bom", StringComparison.Ordinal) && text.Contains("cyclonedx.org/schema/bom", StringComparison.Ordinal))
        {
            return "application/vnd.cyclonedx+xml";
        }

        if (text.StartsWith("{\"@context\":\"https://openvex.dev/ns", StringComparison.Ordinal))
        {
            return "application/vex+json";
        }

        if (text.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return "text/sha256+text";
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return "application/zip";
        }

        if (head.StartsWith([(byte)0x1f, (byte)0x8b]))
        {
            return "application/gzip";
        }

        if (head.StartsWith("MZ"u8))
        {
            return "application/vnd.microsoft.portable-executable";
        }

        if (head.StartsWith([(byte)0x7f, (byte)'E', (byte)'L', (byte)'F']))
        {
            return "application/x-elf";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith([(byte)0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return "image/png";
        }

        if (!LooksLikeText(head))
        {
            return "application/octet-stream";
        }

        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return "application/json";
        }

        if (trimmed.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return "text/xml; charset=utf-8";
        }

        return "text/plain; charset=utf-8";
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (0x09 or 0x0a or 0x0c or 0x0d or 0x1b))
            {
                return false;
            }
        }

        return true;
    }
}
