using System.Buffers;

namespace Cilock.Attestation.Dsse;

/// <summary>
/// The base64 rules of spec dsse-and-keys.md §2: what Go accepts (standard alphabet, padded, CR/LF skipped) and,
/// behind a lenient switch only, URL-safe or unpadded input. Writing always uses the standard padded form.
/// </summary>
internal static class DsseBase64
{
    private static readonly SearchValues<char> Standard =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    /// <summary>Decodes <paramref name="text"/>; returns <c>false</c> on anything Go would refuse (unless lenient).</summary>
    public static bool TryDecode(string text, bool lenient, out byte[] bytes)
    {
        bytes = [];
        var s = text.Contains('\r') || text.Contains('\n') ? text.Replace("\r", "").Replace("\n", "") : text;
        if (lenient && (s.Contains('-') || s.Contains('_') || s.Length % 4 != 0))
        {
            s = s.Replace('-', '+').Replace('_', '/');
            s = s.TrimEnd('=');
            s += new string('=', (4 - (s.Length % 4)) % 4);
        }

        // Convert.TryFromBase64String also skips spaces and tabs; Go does not, so check the alphabet first.
        if (s.Length % 4 != 0 || s.AsSpan().ContainsAnyExcept(Standard))
        {
            return false;
        }

        var pad = s.IndexOf('=');
        if (pad >= 0 && (pad < s.Length - 2 || s.AsSpan(pad).ContainsAnyExcept('=')))
        {
            return false;
        }

        var buffer = new byte[s.Length / 4 * 3];
        if (!Convert.TryFromBase64String(s, buffer, out var written))
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }
}
