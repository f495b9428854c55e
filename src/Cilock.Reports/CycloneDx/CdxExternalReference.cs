using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>An external reference (we emit the nuspec <c>projectUrl</c> as <c>website</c>).</summary>
internal sealed record CdxExternalReference(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("url")] string Url);
