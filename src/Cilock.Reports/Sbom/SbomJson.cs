using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilock.Reports.Sbom;

/// <summary>Serialization shared by the SBOM writers: compact, nulls omitted, no HTML escaping of <c>+</c>, <c>&lt;</c>…</summary>
internal static class SbomJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Files, not HTML: escaping '+' in versions or '<' in descriptions would only make the SBOM harder to read.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>ISO 8601 UTC with seconds, the form both CycloneDX and SPDX (<c>YYYY-MM-DDThh:mm:ssZ</c>) accept.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
