using System.Text;
using Cilock.Attestation.Json;

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
            if (GoJsonEscapes.Escape(c) is { } escape)
            {
                sb.Append(escape);
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('"');
    }
}
