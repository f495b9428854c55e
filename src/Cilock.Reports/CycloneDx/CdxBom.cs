using System.Text.Json.Serialization;

namespace Cilock.Reports.CycloneDx;

/// <summary>
/// A CycloneDX 1.6 JSON BOM: only the members we emit, in schema order, <c>bomFormat</c> first (readers detect
/// the format from the first bytes, spec attestors.md §10).
/// </summary>
internal sealed class CdxBom
{
    [JsonPropertyName("bomFormat")]
    public string BomFormat { get; init; } = "CycloneDX";

    [JsonPropertyName("specVersion")]
    public string SpecVersion { get; init; } = "1.6";

    [JsonPropertyName("serialNumber")]
    public string? SerialNumber { get; set; }

    [JsonPropertyName("version")]
    public int Version { get; init; } = 1;

    [JsonPropertyName("metadata")]
    public required CdxMetadata Metadata { get; init; }

    [JsonPropertyName("components")]
    public required IReadOnlyList<CdxComponent> Components { get; init; }

    [JsonPropertyName("dependencies")]
    public required IReadOnlyList<CdxDependency> Dependencies { get; init; }
}
