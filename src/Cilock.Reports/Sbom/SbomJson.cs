using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilock.Reports.Sbom;

/// <summary>Serialization shared by the SBOM writers: compact, nulls omitted, no HTML escaping of <c>+</c>, <c>&lt;</c>…</summary>
internal static class SbomJson
{
    // Source-generated metadata: the task runs once per pack in a fresh MSBuild node, where reflection-based
    // serializer warm-up would cost more than the whole generation.
    private static readonly SbomJsonContext Context = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Files, not HTML: escaping '+' in versions or '<' in descriptions would only make the SBOM harder to read.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    });

    public static byte[] Serialize(CycloneDx.CdxBom bom) => JsonSerializer.SerializeToUtf8Bytes(bom, Context.CdxBom);

    public static byte[] Serialize(Spdx.SpdxDocument document) => JsonSerializer.SerializeToUtf8Bytes(document, Context.SpdxDocument);

    /// <summary>ISO 8601 UTC with seconds, the form both CycloneDX and SPDX (<c>YYYY-MM-DDThh:mm:ssZ</c>) accept.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
