using System.Text;

namespace Cilock.Secrets.Scanning;

/// <summary>Decides whether bytes are text worth scanning and decodes them (UTF-8/UTF-16 with BOM, else UTF-8).</summary>
internal static class TextSniffer
{
    private const int ProbeLength = 8192;

    /// <summary>Binary when the first 8 KiB contain a NUL byte (as git and gitleaks decide), unless a UTF-16 BOM says otherwise.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> content)
    {
        if (HasUtf16Bom(content))
        {
            return false;
        }

        return content[..Math.Min(content.Length, ProbeLength)].IndexOf((byte)0) >= 0;
    }

    /// <summary>The text of <paramref name="content"/> (invalid UTF-8 sequences become U+FFFD, which no rule matches).</summary>
    public static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(content[3..]);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(content[2..]);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(content[2..]);
        }

        return Encoding.UTF8.GetString(content);
    }

    private static bool HasUtf16Bom(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
}
