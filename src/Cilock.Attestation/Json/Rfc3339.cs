using System.Globalization;
using System.Text.RegularExpressions;

namespace Cilock.Attestation.Json;

/// <summary>RFC 3339 times as Go's <c>time.Time</c> JSON writes and reads them.</summary>
internal static partial class Rfc3339
{
    /// <summary>Formats UTC with 0–7 fractional digits (trailing zeros trimmed) and <c>Z</c>, which Go parses.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses any RFC 3339 date-time (up to 9 fractional digits, <c>Z</c> or a numeric offset).</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        // .NET keeps 7 fractional digits; Go may write 9, so the extra nanoseconds are dropped.
        var fraction = match.Groups["frac"].Value;
        if (fraction.Length > 7)
        {
            fraction = fraction[..7];
        }

        var zone = match.Groups["zone"].Value;
        zone = zone is "Z" or "z" ? "+00:00" : zone;
        var normalized = $"{match.Groups["main"].Value.Replace('t', 'T')}{(fraction.Length > 0 ? "." + fraction : "")}{zone}";
        var format = fraction.Length > 0 ? $"yyyy-MM-dd'T'HH:mm:ss.{new string('f', fraction.Length)}zzz" : "yyyy-MM-dd'T'HH:mm:sszzz";
        return DateTimeOffset.TryParseExact(normalized, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^(?<main>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?:\.(?<frac>\d{1,9}))?(?<zone>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
