using System.Globalization;
using System.Text;

namespace Cilock.Attestation.Dsse;

/// <summary>
/// Writes a JSON string literal exactly as Go's <c>encoding/json</c> does (HTML characters and U+2028/U+2029
/// escaped), so envelopes we write are byte-identical to the ones Witness and cilock write.
/// </summary>
internal static class GoJsonString
{
    /// <summary>Appends <paramref name="value"/> as a quoted, escaped JSON string.</summary>
    public static void Append(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                case < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }

        sb.Append('"');
    }
}
