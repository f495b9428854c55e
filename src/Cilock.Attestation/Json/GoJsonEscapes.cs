using System.Globalization;

namespace Cilock.Attestation.Json;

/// <summary>
/// The one table of how Go's <c>encoding/json</c> (Go 1.22 and later) escapes a character inside a string literal:
/// <c>"</c> and <c>\</c> with a backslash, <c>\b \f \n \r \t</c> by name, other control characters, the HTML-sensitive
/// <c>&lt; &gt; &amp;</c> and U+2028/U+2029 as lower-case <c>\u00xx</c>; everything else (including <c>+</c>, <c>'</c>,
/// DEL and all other non-ASCII text) is written raw. Shared by the DSSE writer and the statement writer so both
/// produce the bytes Witness and cilock produce.
/// </summary>
internal static class GoJsonEscapes
{
    /// <summary>The longest escape (<c>\u2028</c>).</summary>
    public const int MaxEscapeLength = 6;

    /// <summary>Whether Go escapes <paramref name="scalar"/>.</summary>
    public static bool NeedsEscape(int scalar) =>
        scalar is < 0x20 or '"' or '\\' or '<' or '>' or '&' or 0x2028 or 0x2029;

    /// <summary>The escape sequence for <paramref name="scalar"/>, or <c>null</c> when Go writes it raw.</summary>
    public static string? Escape(int scalar) => scalar switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ when NeedsEscape(scalar) => "\\u" + scalar.ToString("x4", CultureInfo.InvariantCulture),
        _ => null,
    };
}
