using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>A CycloneDX component (library, application or file).</summary>
internal sealed class CdxComponent
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("bom-ref")]
    public string? BomRef { get; init; }

    [JsonPropertyName("authors")]
    public IReadOnlyList<CdxContact>? Authors { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary><c>required</c> or <c>excluded</c> (development-only).</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    [JsonPropertyName("hashes")]
    public IReadOnlyList<CdxHash>? Hashes { get; init; }

    [JsonPropertyName("licenses")]
    public IReadOnlyList<CdxLicenseChoice>? Licenses { get; init; }

    [JsonPropertyName("purl")]
    public string? Purl { get; init; }

    [JsonPropertyName("externalReferences")]
    public IReadOnlyList<CdxExternalReference>? ExternalReferences { get; init; }

    [JsonPropertyName("properties")]
    public IReadOnlyList<CdxProperty>? Properties { get; init; }

    [JsonPropertyName("components")]
    public IReadOnlyList<CdxComponent>? Components { get; init; }
}
