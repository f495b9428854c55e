using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace Cilock.Secrets.Decoding;

/// <summary>
/// Finds encoded runs (spec attestors.md §9: base64 standard or URL-safe runs of ≥ 15 characters, hex runs of ≥ 16,
/// ≥ 3 consecutive <c>%XX</c>) and decodes those that turn into printable text; binary results are dropped because no
/// rule can match them and they are the common case (hashes, identifiers that happen to use the base64 alphabet).
/// </summary>
internal static class SegmentDecoder
{
    public const int MinBase64 = 15;
    public const int MinHex = 16;
    public const int MinPercentTriplets = 3;

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_");

    private static readonly SearchValues<char> HexChars = SearchValues.Create("0123456789abcdefABCDEF");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Every decodable segment of <paramref name="text"/>, in order of appearance per encoding.</summary>
    public static List<EncodedSegment> Find(string text)
    {
        var result = new List<EncodedSegment>();
        FindBase64(text, result);
        FindHex(text, result);
        FindPercent(text, result);
        return result;
    }

    private static void FindBase64(string text, List<EncodedSegment> result)
    {
        var span = text.AsSpan();
        var pos = 0;
        while (NextRun(span, pos, Base64Chars, out var start, out var end))
        {
            var runEnd = end;
            while (runEnd < span.Length && runEnd - end < 2 && span[runEnd] == '=')
            {
                runEnd++;
            }

            pos = runEnd;
            if (end - start < MinBase64)
            {
                continue;
            }

            var run = span[start..end];
            if (TryBase64(run, out var decoded))
            {
                result.Add(new EncodedSegment(start, runEnd - start, "base64", decoded));
                continue;
            }

            // "name-" or "key_" glued to a standard run: retry the pieces between URL-safe separators.
            if (run.ContainsAny('-', '_'))
            {
                var pieceStart = 0;
                for (var i = 0; i <= run.Length; i++)
                {
                    if (i < run.Length && run[i] != '-' && run[i] != '_')
                    {
                        continue;
                    }

                    if (i - pieceStart >= MinBase64 && TryBase64(run[pieceStart..i], out decoded))
                    {
                        var pieceEnd = i == run.Length ? runEnd : start + i;
                        result.Add(new EncodedSegment(start + pieceStart, pieceEnd - start - pieceStart, "base64", decoded));
                    }

                    pieceStart = i + 1;
                }
            }
        }
    }

    /// <summary>The next maximal run of <paramref name="chars"/> at or after <paramref name="pos"/>.</summary>
    private static bool NextRun(ReadOnlySpan<char> span, int pos, SearchValues<char> chars, out int start, out int end)
    {
        end = 0;
        start = pos >= span.Length ? -1 : span[pos..].IndexOfAny(chars);
        if (start < 0)
        {
            return false;
        }

        start += pos;
        end = span[start..].IndexOfAnyExcept(chars);
        end = end < 0 ? span.Length : start + end;
        return true;
    }

    private static bool TryBase64(ReadOnlySpan<char> run, out string decoded)
    {
        decoded = "";
        var urlSafe = run.ContainsAny('-', '_');
        if (urlSafe && run.ContainsAny('+', '/'))
        {
            return false;
        }

        // Unpadded input: drop a trailing single character that cannot complete a byte.
        var usable = run.Length % 4 == 1 ? run.Length - 1 : run.Length;
        if (usable < MinBase64 - 1)
        {
            return false;
        }

        // Reject quickly when the first block is already binary (the usual case for identifiers and hashes).
        Span<byte> probe = stackalloc byte[3];
        if (!DecodeInto(run[..4], urlSafe, probe, out var probeLength) || !IsTextPrefix(probe[..probeLength]))
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(usable * 3 / 4 + 3);
        try
        {
            if (!DecodeInto(run[..usable], urlSafe, buffer, out var written) || written == 0)
            {
                return false;
            }

            return TryText(buffer.AsSpan(0, written), out decoded);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool DecodeInto(ReadOnlySpan<char> chars, bool urlSafe, Span<byte> destination, out int written)
    {
        // Base64Url accepts unpadded input of any valid length; normalise the standard alphabet onto it.
        Span<char> local = chars.Length <= 512 ? stackalloc char[chars.Length] : new char[chars.Length];
        chars.CopyTo(local);
        if (!urlSafe)
        {
            local.Replace('+', '-');
            local.Replace('/', '_');
        }

        var status = Base64Url.DecodeFromChars(local, destination, out _, out written);
        return status == OperationStatus.Done;
    }

    private static void FindHex(string text, List<EncodedSegment> result)
    {
        var span = text.AsSpan();
        var pos = 0;
        while (NextRun(span, pos, HexChars, out var start, out var end))
        {
            pos = end;
            var length = (end - start) & ~1;
            if (length < MinHex)
            {
                continue;
            }

            // A hex run glued to letters (e.g. inside an identifier) is not an encoding.
            if ((start > 0 && char.IsAsciiLetterOrDigit(span[start - 1])) || (end < span.Length && char.IsAsciiLetterOrDigit(span[end])))
            {
                continue;
            }

            var bytes = new byte[length / 2];
            if (Convert.FromHexString(span.Slice(start, length), bytes, out _, out var written) == OperationStatus.Done
                && TryText(bytes.AsSpan(0, written), out var decoded))
            {
                result.Add(new EncodedSegment(start, length, "hex", decoded));
            }
        }
    }

    private static void FindPercent(string text, List<EncodedSegment> result)
    {
        var span = text.AsSpan();
        var pos = 0;
        while (pos < span.Length)
        {
            var percent = span[pos..].IndexOf('%');
            if (percent < 0)
            {
                return;
            }

            var first = pos + percent;
            if (CountTriplets(span, first) < MinPercentTriplets)
            {
                pos = first + 1;
                continue;
            }

            // Widen to the whole token around the encoded run so partially encoded values decode as one.
            var start = first;
            while (start > 0 && IsUrlTokenChar(span[start - 1]))
            {
                start--;
            }

            var end = first;
            while (end < span.Length && IsUrlTokenChar(span[end]))
            {
                end++;
            }

            pos = end;
            var decoded = Uri.UnescapeDataString(span[start..end].ToString());
            if (decoded.Length > 0 && IsPrintable(decoded))
            {
                result.Add(new EncodedSegment(start, end - start, "url", decoded));
            }
        }
    }

    private static int CountTriplets(ReadOnlySpan<char> span, int index)
    {
        var count = 0;
        while (index + 2 < span.Length && span[index] == '%' && char.IsAsciiHexDigit(span[index + 1]) && char.IsAsciiHexDigit(span[index + 2]))
        {
            count++;
            index += 3;
        }

        return count;
    }

    private static bool IsUrlTokenChar(char c) =>
        c > ' ' && c < 127 && c is not '"' and not '\'' and not '<' and not '>' and not '`' and not '(' and not ')' and not ',' and not ';';

    private static bool IsTextPrefix(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryText(ReadOnlySpan<byte> bytes, out string text)
    {
        text = "";
        if (!IsTextPrefix(bytes[..Math.Min(bytes.Length, 3)]))
        {
            return false;
        }

        // Most candidate runs (identifiers, hashes) decode to random bytes: reject invalid UTF-8 without an exception,
        // which used to be the single largest cost of scanning.
        if (!Utf8.IsValid(bytes))
        {
            return false;
        }

        text = StrictUtf8.GetString(bytes);
        return IsPrintable(text);
    }

    /// <summary>Text, not binary: no control characters besides tab/CR/LF and no replacement characters.</summary>
    private static bool IsPrintable(string text)
    {
        foreach (var c in text)
        {
            if ((c < 0x20 && c is not '\t' and not '\n' and not '\r') || c == 0x7f || c == '\uFFFD' || (c >= 0x80 && c < 0xA0))
            {
                return false;
            }
        }

        return true;
    }
}
